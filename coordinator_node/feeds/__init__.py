"""Market feeds: providers (binance, pyth, synthetic, replay), ingestion, and the reader."""
