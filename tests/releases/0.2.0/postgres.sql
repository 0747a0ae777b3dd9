--
-- PostgreSQL database dump
--

\restrict 1oNBuvaA4V2Hyb1FzGd3Z0FknYQXstiV5DswkdWR0sfwAergbcGCIQHToswgFcY

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: alembic_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.alembic_version (
    version_num character varying(32) NOT NULL
);


--
-- Name: checkpoint_transitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.checkpoint_transitions (
    id bigint NOT NULL,
    checkpoint_id character varying NOT NULL,
    from_status character varying,
    to_status character varying NOT NULL,
    tx_hash character varying,
    actor character varying NOT NULL,
    at timestamp with time zone NOT NULL
);


--
-- Name: checkpoint_transitions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.checkpoint_transitions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: checkpoint_transitions_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.checkpoint_transitions_id_seq OWNED BY public.checkpoint_transitions.id;


--
-- Name: checkpoints; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.checkpoints (
    id character varying NOT NULL,
    crunch_id character varying NOT NULL,
    period_start timestamp with time zone NOT NULL,
    period_end timestamp with time zone NOT NULL,
    status character varying NOT NULL,
    emission jsonb NOT NULL,
    meta jsonb NOT NULL,
    tx_hash character varying,
    submitted_at timestamp with time zone,
    claimable_at timestamp with time zone,
    paid_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: feed_records; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.feed_records (
    id bigint NOT NULL,
    source character varying NOT NULL,
    subject character varying NOT NULL,
    kind character varying NOT NULL,
    granularity character varying NOT NULL,
    ts_event timestamp with time zone NOT NULL,
    "values" jsonb NOT NULL,
    meta jsonb NOT NULL,
    ingested_at timestamp with time zone NOT NULL
);


--
-- Name: feed_records_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.feed_records_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: feed_records_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.feed_records_id_seq OWNED BY public.feed_records.id;


--
-- Name: feed_watermarks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.feed_watermarks (
    source character varying NOT NULL,
    subject character varying NOT NULL,
    kind character varying NOT NULL,
    granularity character varying NOT NULL,
    last_event_ts timestamp with time zone,
    malformed_count integer NOT NULL,
    state character varying NOT NULL,
    detail character varying,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: inputs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.inputs (
    id character varying NOT NULL,
    config_id character varying NOT NULL,
    slot timestamp with time zone NOT NULL,
    status character varying NOT NULL,
    payload jsonb NOT NULL,
    ground_truth jsonb,
    horizon_at timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    resolved_at timestamp with time zone,
    detail character varying
);


--
-- Name: leaderboards; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.leaderboards (
    id character varying NOT NULL,
    built_at timestamp with time zone NOT NULL,
    entries jsonb NOT NULL,
    meta jsonb NOT NULL
);


--
-- Name: models; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.models (
    model_id character varying NOT NULL,
    model_name character varying NOT NULL,
    cruncher_id character varying NOT NULL,
    cruncher_name character varying NOT NULL,
    deployment_id character varying NOT NULL,
    infos jsonb NOT NULL,
    first_seen_at timestamp with time zone NOT NULL,
    last_seen_at timestamp with time zone NOT NULL
);


--
-- Name: prediction_configs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.prediction_configs (
    id character varying NOT NULL,
    scope_key character varying NOT NULL,
    scope jsonb NOT NULL,
    interval_seconds integer NOT NULL,
    horizon_seconds integer NOT NULL,
    active boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: predictions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.predictions (
    id character varying NOT NULL,
    input_id character varying NOT NULL,
    config_id character varying NOT NULL,
    model_id character varying NOT NULL,
    slot timestamp with time zone NOT NULL,
    status character varying NOT NULL,
    output jsonb,
    raw_output jsonb,
    failed_reason character varying,
    exec_time_us integer,
    created_at timestamp with time zone NOT NULL,
    scored_at timestamp with time zone
);


--
-- Name: scores; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.scores (
    prediction_id character varying NOT NULL,
    model_id character varying NOT NULL,
    value double precision,
    success boolean NOT NULL,
    failed_reason character varying,
    result jsonb NOT NULL,
    scored_at timestamp with time zone NOT NULL
);


--
-- Name: snapshots; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.snapshots (
    id character varying NOT NULL,
    model_id character varying NOT NULL,
    period_start timestamp with time zone NOT NULL,
    period_end timestamp with time zone NOT NULL,
    prediction_count integer NOT NULL,
    summary jsonb NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: checkpoint_transitions id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.checkpoint_transitions ALTER COLUMN id SET DEFAULT nextval('public.checkpoint_transitions_id_seq'::regclass);


--
-- Name: feed_records id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feed_records ALTER COLUMN id SET DEFAULT nextval('public.feed_records_id_seq'::regclass);


--
-- Data for Name: alembic_version; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.alembic_version (version_num) FROM stdin;
0001
\.


--
-- Data for Name: checkpoint_transitions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.checkpoint_transitions (id, checkpoint_id, from_status, to_status, tx_hash, actor, at) FROM stdin;
1	release-crunch-20261129T101139Z	\N	PENDING	\N	workflow	2026-11-29 10:11:39.210017+00
2	release-crunch-20261129T101139Z	PENDING	SUBMITTED	0xfeed	api	2026-11-29 10:11:39.42098+00
3	release-crunch-20261129T101139Z	SUBMITTED	CLAIMABLE	\N	signal	2026-11-29 10:11:39.474067+00
4	release-crunch-20261129T101139Z	CLAIMABLE	PAID	\N	cli	2026-11-29 10:11:39.708138+00
5	release-crunch-20261129T101143Z	\N	PENDING	\N	workflow	2026-11-29 10:11:43.242255+00
\.


--
-- Data for Name: checkpoints; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.checkpoints (id, crunch_id, period_start, period_end, status, emission, meta, tx_hash, submitted_at, claimable_at, paid_at, created_at, updated_at) FROM stdin;
release-crunch-20261129T101139Z	release-crunch	1970-01-01 00:00:00+00	2026-11-29 10:11:39+00	PAID	{"crunch": "CrunchPubkey111", "cruncher_rewards": [{"reward_pct": 500000000, "cruncher_index": 0}, {"reward_pct": 250000000, "cruncher_index": 1}, {"reward_pct": 250000000, "cruncher_index": 2}], "data_provider_rewards": [{"provider": "DataPubkey111", "reward_pct": 1000000000}], "compute_provider_rewards": [{"provider": "ComputePubkey111", "reward_pct": 1000000000}]}	{"ranking": [{"rank": 1, "score": 0.00011786875613340832, "model_id": "model-small-up", "prediction_count": 3}, {"rank": 2, "score": 0.00011786875613340832, "model_id": "model-up", "prediction_count": 3}, {"rank": 3, "score": -0.00011786875613340832, "model_id": "model-down", "prediction_count": 3}], "ranking_key": "value", "snapshot_count": 3, "ranking_direction": "desc"}	0xfeed	2026-11-29 10:11:39.42098+00	2026-11-29 10:11:39.474067+00	2026-11-29 10:11:39.708138+00	2026-11-29 10:11:39.210017+00	2026-11-29 10:11:39.718814+00
release-crunch-20261129T101143Z	release-crunch	2026-11-29 10:11:39+00	2026-11-29 10:11:43+00	PENDING	{"crunch": "CrunchPubkey111", "cruncher_rewards": [{"reward_pct": 500000000, "cruncher_index": 0}, {"reward_pct": 250000000, "cruncher_index": 1}, {"reward_pct": 250000000, "cruncher_index": 2}], "data_provider_rewards": [], "compute_provider_rewards": []}	{"ranking": [{"rank": 1, "score": 0.00023044603604742645, "model_id": "model-down", "prediction_count": 1}, {"rank": 2, "score": -0.00023044603604742645, "model_id": "model-small-up", "prediction_count": 1}, {"rank": 3, "score": -0.00023044603604742645, "model_id": "model-up", "prediction_count": 1}], "ranking_key": "value", "snapshot_count": 3, "ranking_direction": "desc"}	\N	\N	\N	\N	2026-11-29 10:11:43.242255+00	2026-11-29 10:11:43.242255+00
\.


--
-- Data for Name: feed_records; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.feed_records (id, source, subject, kind, granularity, ts_event, "values", meta, ingested_at) FROM stdin;
1	synthetic	BTC	candle	1s	2026-11-29 10:06:28+00	{"low": 169278.61, "high": 169400.0, "open": 169328.6, "close": 169350.01, "volume": 3.1473}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661519+00
2	synthetic	BTC	candle	1s	2026-11-29 10:06:29+00	{"low": 169246.19, "high": 169444.65, "open": 169350.01, "close": 169340.83, "volume": 19.7346}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661526+00
3	synthetic	BTC	candle	1s	2026-11-29 10:06:30+00	{"low": 169292.33, "high": 169398.1, "open": 169340.83, "close": 169349.6, "volume": 9.1058}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661528+00
4	synthetic	BTC	candle	1s	2026-11-29 10:06:31+00	{"low": 169349.13, "high": 169356.46, "open": 169349.6, "close": 169356.0, "volume": 9.3395}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661531+00
5	synthetic	BTC	candle	1s	2026-11-29 10:06:32+00	{"low": 169352.08, "high": 169364.47, "open": 169356.0, "close": 169360.55, "volume": 2.7196}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661533+00
6	synthetic	BTC	candle	1s	2026-11-29 10:06:33+00	{"low": 169355.06, "high": 169394.35, "open": 169360.55, "close": 169388.85, "volume": 2.1022}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661536+00
7	synthetic	BTC	candle	1s	2026-11-29 10:06:34+00	{"low": 169346.18, "high": 169448.33, "open": 169388.85, "close": 169405.65, "volume": 17.2473}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661538+00
8	synthetic	BTC	candle	1s	2026-11-29 10:06:35+00	{"low": 169307.92, "high": 169490.07, "open": 169405.65, "close": 169392.34, "volume": 6.9525}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661541+00
9	synthetic	BTC	candle	1s	2026-11-29 10:06:36+00	{"low": 169339.98, "high": 169471.65, "open": 169392.34, "close": 169419.28, "volume": 13.0205}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661543+00
10	synthetic	BTC	candle	1s	2026-11-29 10:06:37+00	{"low": 169312.8, "high": 169499.7, "open": 169419.28, "close": 169393.21, "volume": 10.7741}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661545+00
11	synthetic	BTC	candle	1s	2026-11-29 10:06:38+00	{"low": 169309.13, "high": 169449.62, "open": 169393.21, "close": 169365.54, "volume": 2.4304}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661546+00
12	synthetic	BTC	candle	1s	2026-11-29 10:06:39+00	{"low": 169356.55, "high": 169375.46, "open": 169365.54, "close": 169366.47, "volume": 11.9637}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661548+00
13	synthetic	BTC	candle	1s	2026-11-29 10:06:40+00	{"low": 169311.63, "high": 169398.01, "open": 169366.47, "close": 169343.17, "volume": 3.8231}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661549+00
14	synthetic	BTC	candle	1s	2026-11-29 10:06:41+00	{"low": 169329.17, "high": 169359.6, "open": 169343.17, "close": 169345.59, "volume": 13.7054}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661551+00
15	synthetic	BTC	candle	1s	2026-11-29 10:06:42+00	{"low": 169319.25, "high": 169397.26, "open": 169345.59, "close": 169370.91, "volume": 21.337}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661552+00
16	synthetic	BTC	candle	1s	2026-11-29 10:06:43+00	{"low": 169347.04, "high": 169414.59, "open": 169370.91, "close": 169390.72, "volume": 7.5601}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661556+00
17	synthetic	BTC	candle	1s	2026-11-29 10:06:44+00	{"low": 169382.16, "high": 169425.47, "open": 169390.72, "close": 169416.91, "volume": 13.0195}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661557+00
18	synthetic	BTC	candle	1s	2026-11-29 10:06:45+00	{"low": 169394.52, "high": 169433.28, "open": 169416.91, "close": 169410.89, "volume": 6.6158}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661559+00
19	synthetic	BTC	candle	1s	2026-11-29 10:06:46+00	{"low": 169368.81, "high": 169439.82, "open": 169410.89, "close": 169397.73, "volume": 12.6865}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66156+00
20	synthetic	BTC	candle	1s	2026-11-29 10:06:47+00	{"low": 169318.29, "high": 169469.95, "open": 169397.73, "close": 169390.51, "volume": 5.5933}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661562+00
21	synthetic	BTC	candle	1s	2026-11-29 10:06:48+00	{"low": 169353.5, "high": 169404.91, "open": 169390.51, "close": 169367.9, "volume": 1.3139}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661563+00
22	synthetic	BTC	candle	1s	2026-11-29 10:06:49+00	{"low": 169354.35, "high": 169382.68, "open": 169367.9, "close": 169369.12, "volume": 6.7301}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661564+00
23	synthetic	BTC	candle	1s	2026-11-29 10:06:50+00	{"low": 169363.32, "high": 169379.39, "open": 169369.12, "close": 169373.6, "volume": 8.3657}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661565+00
24	synthetic	BTC	candle	1s	2026-11-29 10:06:51+00	{"low": 169305.28, "high": 169465.86, "open": 169373.6, "close": 169397.54, "volume": 5.8217}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661567+00
25	synthetic	BTC	candle	1s	2026-11-29 10:06:52+00	{"low": 169369.96, "high": 169400.06, "open": 169397.54, "close": 169372.48, "volume": 8.8915}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661568+00
26	synthetic	BTC	candle	1s	2026-11-29 10:06:53+00	{"low": 169338.53, "high": 169395.89, "open": 169372.48, "close": 169361.94, "volume": 3.4654}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661569+00
27	synthetic	BTC	candle	1s	2026-11-29 10:06:54+00	{"low": 169300.89, "high": 169447.69, "open": 169361.94, "close": 169386.63, "volume": 28.3776}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66157+00
28	synthetic	BTC	candle	1s	2026-11-29 10:06:55+00	{"low": 169352.95, "high": 169391.57, "open": 169386.63, "close": 169357.88, "volume": 6.7668}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661571+00
29	synthetic	BTC	candle	1s	2026-11-29 10:06:56+00	{"low": 169338.07, "high": 169400.42, "open": 169357.88, "close": 169380.6, "volume": 3.4978}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661573+00
30	synthetic	BTC	candle	1s	2026-11-29 10:06:57+00	{"low": 169351.26, "high": 169423.03, "open": 169380.6, "close": 169393.68, "volume": 6.3172}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661574+00
31	synthetic	BTC	candle	1s	2026-11-29 10:06:58+00	{"low": 169373.43, "high": 169394.12, "open": 169393.68, "close": 169373.87, "volume": 12.9202}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661575+00
32	synthetic	BTC	candle	1s	2026-11-29 10:06:59+00	{"low": 169318.83, "high": 169401.59, "open": 169373.87, "close": 169346.55, "volume": 7.5829}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661578+00
33	synthetic	BTC	candle	1s	2026-11-29 10:07:00+00	{"low": 169342.03, "high": 169353.79, "open": 169346.55, "close": 169349.27, "volume": 10.9307}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661579+00
34	synthetic	BTC	candle	1s	2026-11-29 10:07:01+00	{"low": 169331.93, "high": 169351.06, "open": 169349.27, "close": 169333.72, "volume": 8.5084}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661581+00
35	synthetic	BTC	candle	1s	2026-11-29 10:07:02+00	{"low": 169204.97, "high": 169429.72, "open": 169333.72, "close": 169300.94, "volume": 5.2439}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661582+00
36	synthetic	BTC	candle	1s	2026-11-29 10:07:03+00	{"low": 169290.71, "high": 169318.22, "open": 169300.94, "close": 169307.98, "volume": 11.404}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661584+00
37	synthetic	BTC	candle	1s	2026-11-29 10:07:04+00	{"low": 169291.32, "high": 169364.07, "open": 169307.98, "close": 169347.41, "volume": 15.3473}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661585+00
38	synthetic	BTC	candle	1s	2026-11-29 10:07:05+00	{"low": 169327.6, "high": 169348.71, "open": 169347.41, "close": 169328.9, "volume": 12.6682}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661586+00
39	synthetic	BTC	candle	1s	2026-11-29 10:07:06+00	{"low": 169282.63, "high": 169352.41, "open": 169328.9, "close": 169306.14, "volume": 6.5994}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661588+00
40	synthetic	BTC	candle	1s	2026-11-29 10:07:07+00	{"low": 169259.27, "high": 169341.39, "open": 169306.14, "close": 169294.53, "volume": 17.5822}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661589+00
41	synthetic	BTC	candle	1s	2026-11-29 10:07:08+00	{"low": 169209.74, "high": 169364.54, "open": 169294.53, "close": 169279.74, "volume": 12.5266}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66159+00
42	synthetic	BTC	candle	1s	2026-11-29 10:07:09+00	{"low": 169278.89, "high": 169285.24, "open": 169279.74, "close": 169284.4, "volume": 4.0379}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661591+00
43	synthetic	BTC	candle	1s	2026-11-29 10:07:10+00	{"low": 169236.62, "high": 169331.75, "open": 169284.4, "close": 169283.97, "volume": 2.0133}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661592+00
44	synthetic	BTC	candle	1s	2026-11-29 10:07:11+00	{"low": 169241.02, "high": 169352.37, "open": 169283.97, "close": 169309.41, "volume": 15.7612}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661593+00
45	synthetic	BTC	candle	1s	2026-11-29 10:07:12+00	{"low": 169295.08, "high": 169336.53, "open": 169309.41, "close": 169322.2, "volume": 8.5279}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661594+00
46	synthetic	BTC	candle	1s	2026-11-29 10:07:13+00	{"low": 169308.19, "high": 169335.81, "open": 169322.2, "close": 169321.79, "volume": 17.9734}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661595+00
47	synthetic	BTC	candle	1s	2026-11-29 10:07:14+00	{"low": 169315.5, "high": 169334.49, "open": 169321.79, "close": 169328.19, "volume": 25.082}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661596+00
48	synthetic	BTC	candle	1s	2026-11-29 10:07:15+00	{"low": 169288.94, "high": 169372.37, "open": 169328.19, "close": 169333.11, "volume": 38.4729}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.6616+00
49	synthetic	BTC	candle	1s	2026-11-29 10:07:16+00	{"low": 169309.08, "high": 169359.87, "open": 169333.11, "close": 169335.85, "volume": 11.5717}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661601+00
50	synthetic	BTC	candle	1s	2026-11-29 10:07:17+00	{"low": 169315.67, "high": 169351.51, "open": 169335.85, "close": 169331.33, "volume": 16.676}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661602+00
51	synthetic	BTC	candle	1s	2026-11-29 10:07:18+00	{"low": 169314.15, "high": 169353.25, "open": 169331.33, "close": 169336.07, "volume": 15.4683}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661603+00
52	synthetic	BTC	candle	1s	2026-11-29 10:07:19+00	{"low": 169255.97, "high": 169402.18, "open": 169336.07, "close": 169322.08, "volume": 28.1082}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661604+00
53	synthetic	BTC	candle	1s	2026-11-29 10:07:20+00	{"low": 169310.98, "high": 169322.51, "open": 169322.08, "close": 169311.41, "volume": 3.6914}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661607+00
54	synthetic	BTC	candle	1s	2026-11-29 10:07:21+00	{"low": 169285.83, "high": 169322.9, "open": 169311.41, "close": 169297.32, "volume": 10.4666}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661609+00
55	synthetic	BTC	candle	1s	2026-11-29 10:07:22+00	{"low": 169272.54, "high": 169319.85, "open": 169297.32, "close": 169295.06, "volume": 10.4332}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66161+00
56	synthetic	BTC	candle	1s	2026-11-29 10:07:23+00	{"low": 169274.99, "high": 169324.46, "open": 169295.06, "close": 169304.38, "volume": 9.6039}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661611+00
57	synthetic	BTC	candle	1s	2026-11-29 10:07:24+00	{"low": 169297.63, "high": 169324.14, "open": 169304.38, "close": 169317.38, "volume": 8.9853}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661612+00
58	synthetic	BTC	candle	1s	2026-11-29 10:07:25+00	{"low": 169313.04, "high": 169321.4, "open": 169317.38, "close": 169317.06, "volume": 9.1738}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661613+00
59	synthetic	BTC	candle	1s	2026-11-29 10:07:26+00	{"low": 169257.59, "high": 169384.86, "open": 169317.06, "close": 169325.39, "volume": 8.0336}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661615+00
60	synthetic	BTC	candle	1s	2026-11-29 10:07:27+00	{"low": 169244.48, "high": 169385.35, "open": 169325.39, "close": 169304.43, "volume": 17.4849}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661616+00
61	synthetic	BTC	candle	1s	2026-11-29 10:07:28+00	{"low": 169253.07, "high": 169328.07, "open": 169304.43, "close": 169276.7, "volume": 11.021}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661616+00
62	synthetic	BTC	candle	1s	2026-11-29 10:07:29+00	{"low": 169265.55, "high": 169305.8, "open": 169276.7, "close": 169294.65, "volume": 12.5534}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661617+00
63	synthetic	BTC	candle	1s	2026-11-29 10:07:30+00	{"low": 169274.17, "high": 169320.43, "open": 169294.65, "close": 169299.94, "volume": 24.4773}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661618+00
64	synthetic	BTC	candle	1s	2026-11-29 10:07:31+00	{"low": 169268.5, "high": 169349.43, "open": 169299.94, "close": 169317.98, "volume": 3.044}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661621+00
65	synthetic	BTC	candle	1s	2026-11-29 10:07:32+00	{"low": 169303.1, "high": 169354.82, "open": 169317.98, "close": 169339.93, "volume": 1.2297}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661622+00
66	synthetic	BTC	candle	1s	2026-11-29 10:07:33+00	{"low": 169288.29, "high": 169357.26, "open": 169339.93, "close": 169305.62, "volume": 5.6285}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661625+00
67	synthetic	BTC	candle	1s	2026-11-29 10:07:34+00	{"low": 169277.25, "high": 169316.69, "open": 169305.62, "close": 169288.31, "volume": 6.7968}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661626+00
68	synthetic	BTC	candle	1s	2026-11-29 10:07:35+00	{"low": 169286.22, "high": 169320.53, "open": 169288.31, "close": 169318.43, "volume": 7.0283}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661627+00
69	synthetic	BTC	candle	1s	2026-11-29 10:07:36+00	{"low": 169303.42, "high": 169329.67, "open": 169318.43, "close": 169314.65, "volume": 7.1961}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661628+00
70	synthetic	BTC	candle	1s	2026-11-29 10:07:37+00	{"low": 169294.94, "high": 169329.21, "open": 169314.65, "close": 169309.5, "volume": 7.5359}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661629+00
71	synthetic	BTC	candle	1s	2026-11-29 10:07:38+00	{"low": 169294.72, "high": 169339.7, "open": 169309.5, "close": 169324.92, "volume": 19.3062}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66163+00
72	synthetic	BTC	candle	1s	2026-11-29 10:07:39+00	{"low": 169294.84, "high": 169371.04, "open": 169324.92, "close": 169340.96, "volume": 11.7879}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661632+00
73	synthetic	BTC	candle	1s	2026-11-29 10:07:40+00	{"low": 169327.79, "high": 169353.34, "open": 169340.96, "close": 169340.17, "volume": 12.4294}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661633+00
74	synthetic	BTC	candle	1s	2026-11-29 10:07:41+00	{"low": 169313.84, "high": 169376.92, "open": 169340.17, "close": 169350.59, "volume": 7.1054}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661634+00
75	synthetic	BTC	candle	1s	2026-11-29 10:07:42+00	{"low": 169279.2, "high": 169413.46, "open": 169350.59, "close": 169342.07, "volume": 8.3987}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661635+00
76	synthetic	BTC	candle	1s	2026-11-29 10:07:43+00	{"low": 169303.7, "high": 169370.23, "open": 169342.07, "close": 169331.87, "volume": 5.8744}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661636+00
77	synthetic	BTC	candle	1s	2026-11-29 10:07:44+00	{"low": 169293.85, "high": 169355.75, "open": 169331.87, "close": 169317.74, "volume": 15.1312}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661637+00
78	synthetic	BTC	candle	1s	2026-11-29 10:07:45+00	{"low": 169271.09, "high": 169348.56, "open": 169317.74, "close": 169301.91, "volume": 2.8583}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661639+00
79	synthetic	BTC	candle	1s	2026-11-29 10:07:46+00	{"low": 169289.88, "high": 169320.95, "open": 169301.91, "close": 169308.92, "volume": 13.1526}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661641+00
80	synthetic	BTC	candle	1s	2026-11-29 10:07:47+00	{"low": 169285.09, "high": 169338.02, "open": 169308.92, "close": 169314.18, "volume": 12.2314}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661642+00
81	synthetic	BTC	candle	1s	2026-11-29 10:07:48+00	{"low": 169285.47, "high": 169346.81, "open": 169314.18, "close": 169318.1, "volume": 5.4384}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661643+00
82	synthetic	BTC	candle	1s	2026-11-29 10:07:49+00	{"low": 169297.82, "high": 169338.91, "open": 169318.1, "close": 169318.63, "volume": 6.8755}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661644+00
83	synthetic	BTC	candle	1s	2026-11-29 10:07:50+00	{"low": 169297.56, "high": 169352.54, "open": 169318.63, "close": 169331.47, "volume": 1.294}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661646+00
84	synthetic	BTC	candle	1s	2026-11-29 10:07:51+00	{"low": 169318.18, "high": 169341.76, "open": 169331.47, "close": 169328.47, "volume": 18.3197}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661647+00
85	synthetic	BTC	candle	1s	2026-11-29 10:07:52+00	{"low": 169318.54, "high": 169340.69, "open": 169328.47, "close": 169330.76, "volume": 3.1879}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661648+00
86	synthetic	BTC	candle	1s	2026-11-29 10:07:53+00	{"low": 169243.8, "high": 169406.59, "open": 169330.76, "close": 169319.63, "volume": 4.0864}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661649+00
87	synthetic	BTC	candle	1s	2026-11-29 10:07:54+00	{"low": 169254.05, "high": 169398.0, "open": 169319.63, "close": 169332.41, "volume": 3.4082}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66165+00
88	synthetic	BTC	candle	1s	2026-11-29 10:07:55+00	{"low": 169269.38, "high": 169371.25, "open": 169332.41, "close": 169308.21, "volume": 4.3486}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661651+00
89	synthetic	BTC	candle	1s	2026-11-29 10:07:56+00	{"low": 169276.53, "high": 169319.81, "open": 169308.21, "close": 169288.13, "volume": 7.9204}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661652+00
90	synthetic	BTC	candle	1s	2026-11-29 10:07:57+00	{"low": 169287.18, "high": 169298.97, "open": 169288.13, "close": 169298.02, "volume": 12.8774}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661653+00
91	synthetic	BTC	candle	1s	2026-11-29 10:07:58+00	{"low": 169241.71, "high": 169342.56, "open": 169298.02, "close": 169286.25, "volume": 21.3256}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661654+00
92	synthetic	BTC	candle	1s	2026-11-29 10:07:59+00	{"low": 169248.58, "high": 169345.15, "open": 169286.25, "close": 169307.47, "volume": 4.5352}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661656+00
93	synthetic	BTC	candle	1s	2026-11-29 10:08:00+00	{"low": 169285.79, "high": 169323.1, "open": 169307.47, "close": 169301.42, "volume": 3.2903}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661657+00
94	synthetic	BTC	candle	1s	2026-11-29 10:08:01+00	{"low": 169242.34, "high": 169355.96, "open": 169301.42, "close": 169296.87, "volume": 14.8222}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661658+00
95	synthetic	BTC	candle	1s	2026-11-29 10:08:02+00	{"low": 169294.78, "high": 169310.29, "open": 169296.87, "close": 169308.19, "volume": 8.7352}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661661+00
96	synthetic	BTC	candle	1s	2026-11-29 10:08:03+00	{"low": 169259.78, "high": 169357.04, "open": 169308.19, "close": 169308.63, "volume": 10.2509}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661662+00
97	synthetic	BTC	candle	1s	2026-11-29 10:08:04+00	{"low": 169257.14, "high": 169341.85, "open": 169308.63, "close": 169290.35, "volume": 11.4748}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661663+00
98	synthetic	BTC	candle	1s	2026-11-29 10:08:05+00	{"low": 169263.7, "high": 169292.95, "open": 169290.35, "close": 169266.29, "volume": 8.0709}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661663+00
99	synthetic	BTC	candle	1s	2026-11-29 10:08:06+00	{"low": 169255.04, "high": 169285.54, "open": 169266.29, "close": 169274.29, "volume": 30.0302}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661664+00
100	synthetic	BTC	candle	1s	2026-11-29 10:08:07+00	{"low": 169226.88, "high": 169317.9, "open": 169274.29, "close": 169270.49, "volume": 6.6759}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661665+00
101	synthetic	BTC	candle	1s	2026-11-29 10:08:08+00	{"low": 169229.05, "high": 169332.83, "open": 169270.49, "close": 169291.38, "volume": 3.434}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661666+00
102	synthetic	BTC	candle	1s	2026-11-29 10:08:09+00	{"low": 169257.15, "high": 169319.23, "open": 169291.38, "close": 169285.0, "volume": 3.837}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661667+00
103	synthetic	BTC	candle	1s	2026-11-29 10:08:10+00	{"low": 169261.39, "high": 169290.81, "open": 169285.0, "close": 169267.2, "volume": 8.0618}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661668+00
104	synthetic	BTC	candle	1s	2026-11-29 10:08:11+00	{"low": 169224.15, "high": 169339.94, "open": 169267.2, "close": 169296.89, "volume": 3.2736}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661669+00
105	synthetic	BTC	candle	1s	2026-11-29 10:08:12+00	{"low": 169282.56, "high": 169301.16, "open": 169296.89, "close": 169286.84, "volume": 19.5902}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66167+00
106	synthetic	BTC	candle	1s	2026-11-29 10:08:13+00	{"low": 169260.42, "high": 169326.16, "open": 169286.84, "close": 169299.73, "volume": 17.4342}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661671+00
107	synthetic	BTC	candle	1s	2026-11-29 10:08:14+00	{"low": 169245.64, "high": 169354.86, "open": 169299.73, "close": 169300.77, "volume": 6.6812}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661672+00
108	synthetic	BTC	candle	1s	2026-11-29 10:08:15+00	{"low": 169281.75, "high": 169302.85, "open": 169300.77, "close": 169283.83, "volume": 6.1354}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661673+00
109	synthetic	BTC	candle	1s	2026-11-29 10:08:16+00	{"low": 169241.49, "high": 169329.1, "open": 169283.83, "close": 169286.76, "volume": 3.7188}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661673+00
110	synthetic	BTC	candle	1s	2026-11-29 10:08:17+00	{"low": 169259.77, "high": 169318.57, "open": 169286.76, "close": 169291.58, "volume": 5.1691}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661675+00
111	synthetic	BTC	candle	1s	2026-11-29 10:08:18+00	{"low": 169227.74, "high": 169310.57, "open": 169291.58, "close": 169246.72, "volume": 3.4856}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661679+00
112	synthetic	BTC	candle	1s	2026-11-29 10:08:19+00	{"low": 169204.65, "high": 169271.29, "open": 169246.72, "close": 169229.21, "volume": 11.1704}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66168+00
113	synthetic	BTC	candle	1s	2026-11-29 10:08:20+00	{"low": 169192.9, "high": 169299.69, "open": 169229.21, "close": 169263.37, "volume": 12.1373}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661681+00
114	synthetic	BTC	candle	1s	2026-11-29 10:08:21+00	{"low": 169230.52, "high": 169315.24, "open": 169263.37, "close": 169282.38, "volume": 9.1789}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661682+00
115	synthetic	BTC	candle	1s	2026-11-29 10:08:22+00	{"low": 169237.58, "high": 169317.88, "open": 169282.38, "close": 169273.07, "volume": 10.6232}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661683+00
116	synthetic	BTC	candle	1s	2026-11-29 10:08:23+00	{"low": 169238.64, "high": 169312.76, "open": 169273.07, "close": 169278.33, "volume": 13.9337}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661684+00
117	synthetic	BTC	candle	1s	2026-11-29 10:08:24+00	{"low": 169207.18, "high": 169336.31, "open": 169278.33, "close": 169265.15, "volume": 16.8935}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661684+00
118	synthetic	BTC	candle	1s	2026-11-29 10:08:25+00	{"low": 169234.82, "high": 169294.25, "open": 169265.15, "close": 169263.92, "volume": 2.2739}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661685+00
119	synthetic	BTC	candle	1s	2026-11-29 10:08:26+00	{"low": 169238.87, "high": 169335.61, "open": 169263.92, "close": 169310.56, "volume": 20.4632}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661686+00
120	synthetic	BTC	candle	1s	2026-11-29 10:08:27+00	{"low": 169310.4, "high": 169323.96, "open": 169310.56, "close": 169323.8, "volume": 1.2657}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661687+00
121	synthetic	BTC	candle	1s	2026-11-29 10:08:28+00	{"low": 169289.19, "high": 169330.03, "open": 169323.8, "close": 169295.42, "volume": 7.6926}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661688+00
122	synthetic	BTC	candle	1s	2026-11-29 10:08:29+00	{"low": 169280.76, "high": 169330.88, "open": 169295.42, "close": 169316.22, "volume": 5.4214}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661689+00
123	synthetic	BTC	candle	1s	2026-11-29 10:08:30+00	{"low": 169274.74, "high": 169336.07, "open": 169316.22, "close": 169294.58, "volume": 6.6591}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66169+00
124	synthetic	BTC	candle	1s	2026-11-29 10:08:31+00	{"low": 169274.78, "high": 169312.34, "open": 169294.58, "close": 169292.54, "volume": 13.5184}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661691+00
125	synthetic	BTC	candle	1s	2026-11-29 10:08:32+00	{"low": 169281.7, "high": 169313.88, "open": 169292.54, "close": 169303.03, "volume": 5.0995}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661692+00
126	synthetic	BTC	candle	1s	2026-11-29 10:08:33+00	{"low": 169270.96, "high": 169372.06, "open": 169303.03, "close": 169339.97, "volume": 6.3983}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661693+00
127	synthetic	BTC	candle	1s	2026-11-29 10:08:34+00	{"low": 169330.47, "high": 169341.98, "open": 169339.97, "close": 169332.47, "volume": 12.9304}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661695+00
128	synthetic	BTC	candle	1s	2026-11-29 10:08:35+00	{"low": 169303.06, "high": 169352.9, "open": 169332.47, "close": 169323.49, "volume": 24.0763}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661696+00
129	synthetic	BTC	candle	1s	2026-11-29 10:08:36+00	{"low": 169242.33, "high": 169381.73, "open": 169323.49, "close": 169300.56, "volume": 4.6941}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661697+00
130	synthetic	BTC	candle	1s	2026-11-29 10:08:37+00	{"low": 169260.63, "high": 169327.38, "open": 169300.56, "close": 169287.45, "volume": 10.1574}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661698+00
131	synthetic	BTC	candle	1s	2026-11-29 10:08:38+00	{"low": 169244.22, "high": 169366.56, "open": 169287.45, "close": 169323.32, "volume": 2.7777}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.6617+00
132	synthetic	BTC	candle	1s	2026-11-29 10:08:39+00	{"low": 169298.13, "high": 169360.49, "open": 169323.32, "close": 169335.3, "volume": 20.6967}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661701+00
133	synthetic	BTC	candle	1s	2026-11-29 10:08:40+00	{"low": 169274.4, "high": 169377.31, "open": 169335.3, "close": 169316.41, "volume": 17.6938}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661702+00
134	synthetic	BTC	candle	1s	2026-11-29 10:08:41+00	{"low": 169264.91, "high": 169389.92, "open": 169316.41, "close": 169338.42, "volume": 6.354}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661703+00
135	synthetic	BTC	candle	1s	2026-11-29 10:08:42+00	{"low": 169282.16, "high": 169399.95, "open": 169338.42, "close": 169343.69, "volume": 7.6682}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661704+00
136	synthetic	BTC	candle	1s	2026-11-29 10:08:43+00	{"low": 169299.48, "high": 169379.97, "open": 169343.69, "close": 169335.76, "volume": 27.7018}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661705+00
137	synthetic	BTC	candle	1s	2026-11-29 10:08:44+00	{"low": 169323.67, "high": 169353.92, "open": 169335.76, "close": 169341.83, "volume": 9.8155}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661706+00
138	synthetic	BTC	candle	1s	2026-11-29 10:08:45+00	{"low": 169308.4, "high": 169382.23, "open": 169341.83, "close": 169348.8, "volume": 8.6802}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661707+00
139	synthetic	BTC	candle	1s	2026-11-29 10:08:46+00	{"low": 169329.57, "high": 169400.66, "open": 169348.8, "close": 169381.42, "volume": 4.2463}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661708+00
140	synthetic	BTC	candle	1s	2026-11-29 10:08:47+00	{"low": 169354.71, "high": 169385.07, "open": 169381.42, "close": 169358.36, "volume": 15.4618}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661709+00
141	synthetic	BTC	candle	1s	2026-11-29 10:08:48+00	{"low": 169339.51, "high": 169371.24, "open": 169358.36, "close": 169352.38, "volume": 10.2826}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66171+00
142	synthetic	BTC	candle	1s	2026-11-29 10:08:49+00	{"low": 169315.48, "high": 169382.93, "open": 169352.38, "close": 169346.03, "volume": 7.7345}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661711+00
143	synthetic	BTC	candle	1s	2026-11-29 10:08:50+00	{"low": 169294.43, "high": 169362.96, "open": 169346.03, "close": 169311.36, "volume": 23.9929}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661714+00
144	synthetic	BTC	candle	1s	2026-11-29 10:08:51+00	{"low": 169297.17, "high": 169325.8, "open": 169311.36, "close": 169311.61, "volume": 5.3448}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661714+00
145	synthetic	BTC	candle	1s	2026-11-29 10:08:52+00	{"low": 169287.89, "high": 169356.04, "open": 169311.61, "close": 169332.32, "volume": 7.9319}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661715+00
146	synthetic	BTC	candle	1s	2026-11-29 10:08:53+00	{"low": 169255.06, "high": 169379.15, "open": 169332.32, "close": 169301.88, "volume": 0.7225}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661716+00
147	synthetic	BTC	candle	1s	2026-11-29 10:08:54+00	{"low": 169290.49, "high": 169317.43, "open": 169301.88, "close": 169306.04, "volume": 17.9363}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661717+00
148	synthetic	BTC	candle	1s	2026-11-29 10:08:55+00	{"low": 169257.34, "high": 169338.15, "open": 169306.04, "close": 169289.44, "volume": 3.9184}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661718+00
149	synthetic	BTC	candle	1s	2026-11-29 10:08:56+00	{"low": 169245.48, "high": 169314.06, "open": 169289.44, "close": 169270.09, "volume": 9.8657}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661719+00
150	synthetic	BTC	candle	1s	2026-11-29 10:08:57+00	{"low": 169243.86, "high": 169282.97, "open": 169270.09, "close": 169256.74, "volume": 0.4026}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661722+00
151	synthetic	BTC	candle	1s	2026-11-29 10:08:58+00	{"low": 169228.16, "high": 169273.04, "open": 169256.74, "close": 169244.46, "volume": 13.9949}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661723+00
152	synthetic	BTC	candle	1s	2026-11-29 10:08:59+00	{"low": 169213.63, "high": 169271.85, "open": 169244.46, "close": 169241.02, "volume": 32.7913}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661724+00
153	synthetic	BTC	candle	1s	2026-11-29 10:09:00+00	{"low": 169220.76, "high": 169264.36, "open": 169241.02, "close": 169244.1, "volume": 2.4851}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661725+00
154	synthetic	BTC	candle	1s	2026-11-29 10:09:01+00	{"low": 169160.41, "high": 169298.0, "open": 169244.1, "close": 169214.3, "volume": 13.7733}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661726+00
155	synthetic	BTC	candle	1s	2026-11-29 10:09:02+00	{"low": 169196.73, "high": 169214.86, "open": 169214.3, "close": 169197.29, "volume": 2.098}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661727+00
156	synthetic	BTC	candle	1s	2026-11-29 10:09:03+00	{"low": 169137.95, "high": 169252.54, "open": 169197.29, "close": 169193.21, "volume": 5.864}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661728+00
157	synthetic	BTC	candle	1s	2026-11-29 10:09:04+00	{"low": 169165.34, "high": 169235.92, "open": 169193.21, "close": 169208.06, "volume": 19.3062}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661729+00
158	synthetic	BTC	candle	1s	2026-11-29 10:09:05+00	{"low": 169146.17, "high": 169246.27, "open": 169208.06, "close": 169184.38, "volume": 9.5822}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661729+00
159	synthetic	BTC	candle	1s	2026-11-29 10:09:06+00	{"low": 169160.8, "high": 169218.72, "open": 169184.38, "close": 169195.14, "volume": 24.1926}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661732+00
160	synthetic	BTC	candle	1s	2026-11-29 10:09:07+00	{"low": 169155.77, "high": 169240.72, "open": 169195.14, "close": 169201.34, "volume": 1.1898}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661733+00
161	synthetic	BTC	candle	1s	2026-11-29 10:09:08+00	{"low": 169183.25, "high": 169208.05, "open": 169201.34, "close": 169189.96, "volume": 22.732}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661734+00
162	synthetic	BTC	candle	1s	2026-11-29 10:09:09+00	{"low": 169136.76, "high": 169233.35, "open": 169189.96, "close": 169180.15, "volume": 17.7727}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661735+00
163	synthetic	BTC	candle	1s	2026-11-29 10:09:10+00	{"low": 169166.44, "high": 169197.36, "open": 169180.15, "close": 169183.65, "volume": 8.198}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661736+00
164	synthetic	BTC	candle	1s	2026-11-29 10:09:11+00	{"low": 169100.19, "high": 169289.21, "open": 169183.65, "close": 169205.74, "volume": 15.8633}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661737+00
165	synthetic	BTC	candle	1s	2026-11-29 10:09:12+00	{"low": 169158.73, "high": 169256.77, "open": 169205.74, "close": 169209.77, "volume": 8.7002}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661737+00
166	synthetic	BTC	candle	1s	2026-11-29 10:09:13+00	{"low": 169187.33, "high": 169221.06, "open": 169209.77, "close": 169198.62, "volume": 11.6758}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661738+00
167	synthetic	BTC	candle	1s	2026-11-29 10:09:14+00	{"low": 169152.76, "high": 169234.17, "open": 169198.62, "close": 169188.31, "volume": 6.8507}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661739+00
168	synthetic	BTC	candle	1s	2026-11-29 10:09:15+00	{"low": 169166.82, "high": 169198.65, "open": 169188.31, "close": 169177.16, "volume": 3.6676}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66174+00
169	synthetic	BTC	candle	1s	2026-11-29 10:09:16+00	{"low": 169148.04, "high": 169218.94, "open": 169177.16, "close": 169189.82, "volume": 17.9972}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661741+00
170	synthetic	BTC	candle	1s	2026-11-29 10:09:17+00	{"low": 169163.48, "high": 169225.64, "open": 169189.82, "close": 169199.3, "volume": 4.7068}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661744+00
171	synthetic	BTC	candle	1s	2026-11-29 10:09:18+00	{"low": 169149.45, "high": 169244.91, "open": 169199.3, "close": 169195.05, "volume": 14.8837}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661745+00
172	synthetic	BTC	candle	1s	2026-11-29 10:09:19+00	{"low": 169176.66, "high": 169241.08, "open": 169195.05, "close": 169222.69, "volume": 17.7232}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661746+00
173	synthetic	BTC	candle	1s	2026-11-29 10:09:20+00	{"low": 169217.84, "high": 169240.97, "open": 169222.69, "close": 169236.12, "volume": 6.248}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661747+00
174	synthetic	BTC	candle	1s	2026-11-29 10:09:21+00	{"low": 169214.89, "high": 169244.97, "open": 169236.12, "close": 169223.74, "volume": 2.3664}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661748+00
175	synthetic	BTC	candle	1s	2026-11-29 10:09:22+00	{"low": 169197.9, "high": 169273.21, "open": 169223.74, "close": 169247.37, "volume": 11.7333}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66175+00
176	synthetic	BTC	candle	1s	2026-11-29 10:09:23+00	{"low": 169246.26, "high": 169274.9, "open": 169247.37, "close": 169273.79, "volume": 0.8955}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661751+00
177	synthetic	BTC	candle	1s	2026-11-29 10:09:24+00	{"low": 169210.92, "high": 169313.92, "open": 169273.79, "close": 169251.05, "volume": 7.9203}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661752+00
178	synthetic	BTC	candle	1s	2026-11-29 10:09:25+00	{"low": 169210.35, "high": 169321.66, "open": 169251.05, "close": 169280.95, "volume": 11.7034}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661753+00
179	synthetic	BTC	candle	1s	2026-11-29 10:09:26+00	{"low": 169256.64, "high": 169306.64, "open": 169280.95, "close": 169282.34, "volume": 8.2412}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661754+00
180	synthetic	BTC	candle	1s	2026-11-29 10:09:27+00	{"low": 169243.02, "high": 169312.85, "open": 169282.34, "close": 169273.53, "volume": 10.5922}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661755+00
181	synthetic	BTC	candle	1s	2026-11-29 10:09:28+00	{"low": 169182.52, "high": 169331.93, "open": 169273.53, "close": 169240.9, "volume": 3.7021}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661756+00
182	synthetic	BTC	candle	1s	2026-11-29 10:09:29+00	{"low": 169230.18, "high": 169243.25, "open": 169240.9, "close": 169232.52, "volume": 7.74}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661757+00
183	synthetic	BTC	candle	1s	2026-11-29 10:09:30+00	{"low": 169206.9, "high": 169267.33, "open": 169232.52, "close": 169241.71, "volume": 13.7702}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661757+00
184	synthetic	BTC	candle	1s	2026-11-29 10:09:31+00	{"low": 169179.69, "high": 169307.39, "open": 169241.71, "close": 169245.37, "volume": 8.5374}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661758+00
185	synthetic	BTC	candle	1s	2026-11-29 10:09:32+00	{"low": 169189.82, "high": 169305.74, "open": 169245.37, "close": 169250.2, "volume": 24.8556}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661759+00
186	synthetic	BTC	candle	1s	2026-11-29 10:09:33+00	{"low": 169186.36, "high": 169297.27, "open": 169250.2, "close": 169233.43, "volume": 1.9477}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66176+00
187	synthetic	BTC	candle	1s	2026-11-29 10:09:34+00	{"low": 169194.2, "high": 169270.67, "open": 169233.43, "close": 169231.45, "volume": 18.9185}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661761+00
188	synthetic	BTC	candle	1s	2026-11-29 10:09:35+00	{"low": 169188.97, "high": 169279.03, "open": 169231.45, "close": 169236.55, "volume": 9.9674}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661762+00
189	synthetic	BTC	candle	1s	2026-11-29 10:09:36+00	{"low": 169168.01, "high": 169305.54, "open": 169236.55, "close": 169237.01, "volume": 5.1626}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661764+00
190	synthetic	BTC	candle	1s	2026-11-29 10:09:37+00	{"low": 169219.85, "high": 169263.64, "open": 169237.01, "close": 169246.48, "volume": 7.7752}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661765+00
191	synthetic	BTC	candle	1s	2026-11-29 10:09:38+00	{"low": 169196.23, "high": 169285.03, "open": 169246.48, "close": 169234.77, "volume": 15.5347}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661768+00
192	synthetic	BTC	candle	1s	2026-11-29 10:09:39+00	{"low": 169184.49, "high": 169259.68, "open": 169234.77, "close": 169209.39, "volume": 20.2441}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661769+00
193	synthetic	BTC	candle	1s	2026-11-29 10:09:40+00	{"low": 169172.41, "high": 169240.75, "open": 169209.39, "close": 169203.77, "volume": 7.1264}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66177+00
194	synthetic	BTC	candle	1s	2026-11-29 10:09:41+00	{"low": 169184.52, "high": 169217.81, "open": 169203.77, "close": 169198.57, "volume": 8.56}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661771+00
195	synthetic	BTC	candle	1s	2026-11-29 10:09:42+00	{"low": 169183.12, "high": 169210.35, "open": 169198.57, "close": 169194.9, "volume": 11.8636}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661772+00
196	synthetic	BTC	candle	1s	2026-11-29 10:09:43+00	{"low": 169193.63, "high": 169218.76, "open": 169194.9, "close": 169217.48, "volume": 9.2866}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661773+00
197	synthetic	BTC	candle	1s	2026-11-29 10:09:44+00	{"low": 169195.42, "high": 169224.63, "open": 169217.48, "close": 169202.56, "volume": 16.8416}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661774+00
198	synthetic	BTC	candle	1s	2026-11-29 10:09:45+00	{"low": 169183.53, "high": 169237.61, "open": 169202.56, "close": 169218.58, "volume": 5.9342}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661774+00
199	synthetic	BTC	candle	1s	2026-11-29 10:09:46+00	{"low": 169156.16, "high": 169273.53, "open": 169218.58, "close": 169211.1, "volume": 2.1257}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661775+00
200	synthetic	BTC	candle	1s	2026-11-29 10:09:47+00	{"low": 169178.08, "high": 169224.52, "open": 169211.1, "close": 169191.5, "volume": 6.1563}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661776+00
201	synthetic	BTC	candle	1s	2026-11-29 10:09:48+00	{"low": 169173.24, "high": 169226.67, "open": 169191.5, "close": 169208.4, "volume": 6.5743}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661777+00
202	synthetic	BTC	candle	1s	2026-11-29 10:09:49+00	{"low": 169166.21, "high": 169244.27, "open": 169208.4, "close": 169202.07, "volume": 24.6841}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661778+00
203	synthetic	BTC	candle	1s	2026-11-29 10:09:50+00	{"low": 169192.97, "high": 169226.2, "open": 169202.07, "close": 169217.1, "volume": 6.2434}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661779+00
204	synthetic	BTC	candle	1s	2026-11-29 10:09:51+00	{"low": 169198.16, "high": 169230.1, "open": 169217.1, "close": 169211.16, "volume": 2.8668}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66178+00
205	synthetic	BTC	candle	1s	2026-11-29 10:09:52+00	{"low": 169161.48, "high": 169236.37, "open": 169211.16, "close": 169186.68, "volume": 8.5008}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661781+00
206	synthetic	BTC	candle	1s	2026-11-29 10:09:53+00	{"low": 169114.06, "high": 169281.23, "open": 169186.68, "close": 169208.6, "volume": 8.0361}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661782+00
207	synthetic	BTC	candle	1s	2026-11-29 10:09:54+00	{"low": 169128.78, "high": 169270.18, "open": 169208.6, "close": 169190.35, "volume": 2.4503}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661784+00
208	synthetic	BTC	candle	1s	2026-11-29 10:09:55+00	{"low": 169130.97, "high": 169228.26, "open": 169190.35, "close": 169168.87, "volume": 28.8222}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661785+00
209	synthetic	BTC	candle	1s	2026-11-29 10:09:56+00	{"low": 169154.56, "high": 169187.96, "open": 169168.87, "close": 169173.64, "volume": 10.9275}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661788+00
210	synthetic	BTC	candle	1s	2026-11-29 10:09:57+00	{"low": 169131.75, "high": 169210.86, "open": 169173.64, "close": 169168.97, "volume": 11.3613}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661789+00
211	synthetic	BTC	candle	1s	2026-11-29 10:09:58+00	{"low": 169168.11, "high": 169169.73, "open": 169168.97, "close": 169168.87, "volume": 5.707}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66179+00
212	synthetic	BTC	candle	1s	2026-11-29 10:09:59+00	{"low": 169142.77, "high": 169193.81, "open": 169168.87, "close": 169167.71, "volume": 7.3536}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66179+00
213	synthetic	BTC	candle	1s	2026-11-29 10:10:00+00	{"low": 169097.79, "high": 169213.78, "open": 169167.71, "close": 169143.85, "volume": 6.5157}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661791+00
214	synthetic	BTC	candle	1s	2026-11-29 10:10:01+00	{"low": 169140.35, "high": 169178.99, "open": 169143.85, "close": 169175.49, "volume": 5.7836}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661792+00
215	synthetic	BTC	candle	1s	2026-11-29 10:10:02+00	{"low": 169158.66, "high": 169182.77, "open": 169175.49, "close": 169165.94, "volume": 9.4416}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661793+00
216	synthetic	BTC	candle	1s	2026-11-29 10:10:03+00	{"low": 169152.78, "high": 169173.02, "open": 169165.94, "close": 169159.86, "volume": 1.3008}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661794+00
217	synthetic	BTC	candle	1s	2026-11-29 10:10:04+00	{"low": 169083.83, "high": 169211.54, "open": 169159.86, "close": 169135.51, "volume": 15.9854}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661795+00
218	synthetic	BTC	candle	1s	2026-11-29 10:10:05+00	{"low": 169067.96, "high": 169173.99, "open": 169135.51, "close": 169106.44, "volume": 11.7189}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661796+00
219	synthetic	BTC	candle	1s	2026-11-29 10:10:06+00	{"low": 169084.82, "high": 169130.92, "open": 169106.44, "close": 169109.29, "volume": 22.4227}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661797+00
220	synthetic	BTC	candle	1s	2026-11-29 10:10:07+00	{"low": 169082.84, "high": 169132.1, "open": 169109.29, "close": 169105.64, "volume": 6.3421}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661798+00
221	synthetic	BTC	candle	1s	2026-11-29 10:10:08+00	{"low": 169075.08, "high": 169174.2, "open": 169105.64, "close": 169143.63, "volume": 3.8852}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661799+00
222	synthetic	BTC	candle	1s	2026-11-29 10:10:09+00	{"low": 169118.91, "high": 169163.76, "open": 169143.63, "close": 169139.03, "volume": 18.5179}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661801+00
223	synthetic	BTC	candle	1s	2026-11-29 10:10:10+00	{"low": 169112.34, "high": 169159.45, "open": 169139.03, "close": 169132.75, "volume": 8.927}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661802+00
224	synthetic	BTC	candle	1s	2026-11-29 10:10:11+00	{"low": 169090.94, "high": 169180.07, "open": 169132.75, "close": 169138.26, "volume": 6.006}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661803+00
225	synthetic	BTC	candle	1s	2026-11-29 10:10:12+00	{"low": 169100.62, "high": 169208.63, "open": 169138.26, "close": 169170.99, "volume": 2.3951}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661804+00
226	synthetic	BTC	candle	1s	2026-11-29 10:10:13+00	{"low": 169152.79, "high": 169182.61, "open": 169170.99, "close": 169164.42, "volume": 3.9956}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661805+00
227	synthetic	BTC	candle	1s	2026-11-29 10:10:14+00	{"low": 169148.5, "high": 169207.84, "open": 169164.42, "close": 169191.91, "volume": 8.7068}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661806+00
228	synthetic	BTC	candle	1s	2026-11-29 10:10:15+00	{"low": 169174.44, "high": 169200.22, "open": 169191.91, "close": 169182.75, "volume": 4.413}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661808+00
229	synthetic	BTC	candle	1s	2026-11-29 10:10:16+00	{"low": 169138.45, "high": 169224.3, "open": 169182.75, "close": 169180.01, "volume": 5.4288}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661809+00
230	synthetic	BTC	candle	1s	2026-11-29 10:10:17+00	{"low": 169167.75, "high": 169213.28, "open": 169180.01, "close": 169201.02, "volume": 7.2949}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66181+00
231	synthetic	BTC	candle	1s	2026-11-29 10:10:18+00	{"low": 169173.8, "high": 169228.29, "open": 169201.02, "close": 169201.08, "volume": 6.2331}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661811+00
232	synthetic	BTC	candle	1s	2026-11-29 10:10:19+00	{"low": 169160.79, "high": 169235.27, "open": 169201.08, "close": 169194.98, "volume": 9.3964}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661812+00
233	synthetic	BTC	candle	1s	2026-11-29 10:10:20+00	{"low": 169142.0, "high": 169207.08, "open": 169194.98, "close": 169154.09, "volume": 22.6978}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661813+00
234	synthetic	BTC	candle	1s	2026-11-29 10:10:21+00	{"low": 169114.94, "high": 169184.06, "open": 169154.09, "close": 169144.91, "volume": 32.7719}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661814+00
235	synthetic	BTC	candle	1s	2026-11-29 10:10:22+00	{"low": 169088.67, "high": 169188.78, "open": 169144.91, "close": 169132.54, "volume": 4.7812}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661814+00
236	synthetic	BTC	candle	1s	2026-11-29 10:10:23+00	{"low": 169092.33, "high": 169133.92, "open": 169132.54, "close": 169093.71, "volume": 14.617}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661815+00
237	synthetic	BTC	candle	1s	2026-11-29 10:10:24+00	{"low": 169042.81, "high": 169125.52, "open": 169093.71, "close": 169074.61, "volume": 17.7034}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661816+00
238	synthetic	BTC	candle	1s	2026-11-29 10:10:25+00	{"low": 169054.86, "high": 169116.05, "open": 169074.61, "close": 169096.31, "volume": 6.8957}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661817+00
239	synthetic	BTC	candle	1s	2026-11-29 10:10:26+00	{"low": 169074.13, "high": 169124.53, "open": 169096.31, "close": 169102.35, "volume": 11.8459}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66182+00
240	synthetic	BTC	candle	1s	2026-11-29 10:10:27+00	{"low": 169042.27, "high": 169118.01, "open": 169102.35, "close": 169057.92, "volume": 4.949}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661821+00
241	synthetic	BTC	candle	1s	2026-11-29 10:10:28+00	{"low": 168997.62, "high": 169098.89, "open": 169057.92, "close": 169038.58, "volume": 5.6533}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661821+00
242	synthetic	BTC	candle	1s	2026-11-29 10:10:29+00	{"low": 169032.35, "high": 169055.91, "open": 169038.58, "close": 169049.68, "volume": 9.9287}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661822+00
243	synthetic	BTC	candle	1s	2026-11-29 10:10:30+00	{"low": 169009.14, "high": 169081.41, "open": 169049.68, "close": 169040.87, "volume": 40.4414}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661823+00
244	synthetic	BTC	candle	1s	2026-11-29 10:10:31+00	{"low": 169024.24, "high": 169082.57, "open": 169040.87, "close": 169065.94, "volume": 18.4939}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661824+00
245	synthetic	BTC	candle	1s	2026-11-29 10:10:32+00	{"low": 169061.13, "high": 169080.75, "open": 169065.94, "close": 169075.94, "volume": 27.5818}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661825+00
246	synthetic	BTC	candle	1s	2026-11-29 10:10:33+00	{"low": 169073.43, "high": 169094.89, "open": 169075.94, "close": 169092.38, "volume": 16.8922}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661826+00
247	synthetic	BTC	candle	1s	2026-11-29 10:10:34+00	{"low": 169058.7, "high": 169152.83, "open": 169092.38, "close": 169119.15, "volume": 2.604}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661827+00
248	synthetic	BTC	candle	1s	2026-11-29 10:10:35+00	{"low": 169092.17, "high": 169135.83, "open": 169119.15, "close": 169108.85, "volume": 7.4346}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661829+00
249	synthetic	BTC	candle	1s	2026-11-29 10:10:36+00	{"low": 169080.7, "high": 169127.42, "open": 169108.85, "close": 169099.27, "volume": 14.4095}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66183+00
250	synthetic	BTC	candle	1s	2026-11-29 10:10:37+00	{"low": 169082.78, "high": 169113.88, "open": 169099.27, "close": 169097.39, "volume": 6.7053}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661831+00
251	synthetic	BTC	candle	1s	2026-11-29 10:10:38+00	{"low": 169054.18, "high": 169130.65, "open": 169097.39, "close": 169087.44, "volume": 5.6205}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661832+00
252	synthetic	BTC	candle	1s	2026-11-29 10:10:39+00	{"low": 169038.57, "high": 169130.71, "open": 169087.44, "close": 169081.85, "volume": 11.5736}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661833+00
253	synthetic	BTC	candle	1s	2026-11-29 10:10:40+00	{"low": 169043.94, "high": 169123.93, "open": 169081.85, "close": 169086.02, "volume": 9.2725}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661834+00
254	synthetic	BTC	candle	1s	2026-11-29 10:10:41+00	{"low": 169080.72, "high": 169116.27, "open": 169086.02, "close": 169110.96, "volume": 5.3463}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661837+00
255	synthetic	BTC	candle	1s	2026-11-29 10:10:42+00	{"low": 169109.15, "high": 169133.42, "open": 169110.96, "close": 169131.61, "volume": 2.0182}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661838+00
256	synthetic	BTC	candle	1s	2026-11-29 10:10:43+00	{"low": 169081.1, "high": 169180.33, "open": 169131.61, "close": 169129.83, "volume": 10.4217}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661839+00
257	synthetic	BTC	candle	1s	2026-11-29 10:10:44+00	{"low": 169101.07, "high": 169191.16, "open": 169129.83, "close": 169162.4, "volume": 7.0261}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66184+00
258	synthetic	BTC	candle	1s	2026-11-29 10:10:45+00	{"low": 169134.47, "high": 169186.26, "open": 169162.4, "close": 169158.33, "volume": 13.2989}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661841+00
259	synthetic	BTC	candle	1s	2026-11-29 10:10:46+00	{"low": 169066.46, "high": 169222.06, "open": 169158.33, "close": 169130.19, "volume": 12.7175}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661842+00
260	synthetic	BTC	candle	1s	2026-11-29 10:10:47+00	{"low": 169111.57, "high": 169130.68, "open": 169130.19, "close": 169112.06, "volume": 12.8661}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661843+00
261	synthetic	BTC	candle	1s	2026-11-29 10:10:48+00	{"low": 169094.27, "high": 169121.76, "open": 169112.06, "close": 169103.98, "volume": 11.7553}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661844+00
262	synthetic	BTC	candle	1s	2026-11-29 10:10:49+00	{"low": 169022.97, "high": 169165.96, "open": 169103.98, "close": 169084.95, "volume": 4.4047}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661845+00
263	synthetic	BTC	candle	1s	2026-11-29 10:10:50+00	{"low": 169058.56, "high": 169101.15, "open": 169084.95, "close": 169074.77, "volume": 19.1119}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661846+00
264	synthetic	BTC	candle	1s	2026-11-29 10:10:51+00	{"low": 169055.77, "high": 169099.97, "open": 169074.77, "close": 169080.97, "volume": 1.9612}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661847+00
265	synthetic	BTC	candle	1s	2026-11-29 10:10:52+00	{"low": 169045.65, "high": 169139.0, "open": 169080.97, "close": 169103.68, "volume": 2.5046}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661848+00
266	synthetic	BTC	candle	1s	2026-11-29 10:10:53+00	{"low": 169082.99, "high": 169139.56, "open": 169103.68, "close": 169118.86, "volume": 4.7896}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661849+00
267	synthetic	BTC	candle	1s	2026-11-29 10:10:54+00	{"low": 169068.64, "high": 169168.45, "open": 169118.86, "close": 169118.23, "volume": 13.0848}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661854+00
268	synthetic	BTC	candle	1s	2026-11-29 10:10:55+00	{"low": 169050.78, "high": 169192.5, "open": 169118.23, "close": 169125.05, "volume": 4.5426}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661855+00
269	synthetic	BTC	candle	1s	2026-11-29 10:10:56+00	{"low": 169113.96, "high": 169153.45, "open": 169125.05, "close": 169142.37, "volume": 4.4146}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661856+00
270	synthetic	BTC	candle	1s	2026-11-29 10:10:57+00	{"low": 169103.37, "high": 169173.92, "open": 169142.37, "close": 169134.91, "volume": 8.488}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661857+00
271	synthetic	BTC	candle	1s	2026-11-29 10:10:58+00	{"low": 169076.38, "high": 169175.67, "open": 169134.91, "close": 169117.14, "volume": 3.1656}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661859+00
272	synthetic	BTC	candle	1s	2026-11-29 10:10:59+00	{"low": 169051.72, "high": 169170.56, "open": 169117.14, "close": 169105.14, "volume": 20.7537}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66186+00
273	synthetic	BTC	candle	1s	2026-11-29 10:11:00+00	{"low": 169081.47, "high": 169139.27, "open": 169105.14, "close": 169115.6, "volume": 4.5786}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661861+00
274	synthetic	BTC	candle	1s	2026-11-29 10:11:01+00	{"low": 169067.17, "high": 169133.63, "open": 169115.6, "close": 169085.2, "volume": 5.3953}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661862+00
275	synthetic	BTC	candle	1s	2026-11-29 10:11:02+00	{"low": 169055.03, "high": 169120.01, "open": 169085.2, "close": 169089.84, "volume": 30.2085}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661863+00
276	synthetic	BTC	candle	1s	2026-11-29 10:11:03+00	{"low": 169088.8, "high": 169113.68, "open": 169089.84, "close": 169112.64, "volume": 5.8417}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661864+00
277	synthetic	BTC	candle	1s	2026-11-29 10:11:04+00	{"low": 169091.92, "high": 169147.64, "open": 169112.64, "close": 169126.92, "volume": 10.9147}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661865+00
278	synthetic	BTC	candle	1s	2026-11-29 10:11:05+00	{"low": 169086.19, "high": 169187.41, "open": 169126.92, "close": 169146.68, "volume": 11.5428}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661866+00
279	synthetic	BTC	candle	1s	2026-11-29 10:11:06+00	{"low": 169094.99, "high": 169157.88, "open": 169146.68, "close": 169106.19, "volume": 9.6062}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661867+00
280	synthetic	BTC	candle	1s	2026-11-29 10:11:07+00	{"low": 169086.05, "high": 169112.51, "open": 169106.19, "close": 169092.37, "volume": 10.6058}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661868+00
281	synthetic	BTC	candle	1s	2026-11-29 10:11:08+00	{"low": 169062.21, "high": 169115.65, "open": 169092.37, "close": 169085.49, "volume": 20.3883}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661868+00
282	synthetic	BTC	candle	1s	2026-11-29 10:11:09+00	{"low": 169078.4, "high": 169099.77, "open": 169085.49, "close": 169092.68, "volume": 3.8288}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661869+00
283	synthetic	BTC	candle	1s	2026-11-29 10:11:10+00	{"low": 169029.01, "high": 169155.58, "open": 169092.68, "close": 169091.9, "volume": 38.118}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66187+00
284	synthetic	BTC	candle	1s	2026-11-29 10:11:11+00	{"low": 169063.96, "high": 169121.4, "open": 169091.9, "close": 169093.45, "volume": 7.5867}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661871+00
285	synthetic	BTC	candle	1s	2026-11-29 10:11:12+00	{"low": 169071.22, "high": 169163.11, "open": 169093.45, "close": 169140.88, "volume": 5.3946}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661872+00
286	synthetic	BTC	candle	1s	2026-11-29 10:11:13+00	{"low": 169126.8, "high": 169144.45, "open": 169140.88, "close": 169130.37, "volume": 2.1027}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661875+00
287	synthetic	BTC	candle	1s	2026-11-29 10:11:14+00	{"low": 169129.32, "high": 169132.41, "open": 169130.37, "close": 169131.36, "volume": 14.8358}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661877+00
288	synthetic	BTC	candle	1s	2026-11-29 10:11:15+00	{"low": 169096.64, "high": 169168.23, "open": 169131.36, "close": 169133.51, "volume": 9.9502}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661878+00
289	synthetic	BTC	candle	1s	2026-11-29 10:11:16+00	{"low": 169092.35, "high": 169179.88, "open": 169133.51, "close": 169138.72, "volume": 4.2931}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661879+00
290	synthetic	BTC	candle	1s	2026-11-29 10:11:17+00	{"low": 169084.77, "high": 169204.64, "open": 169138.72, "close": 169150.68, "volume": 3.0176}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.66188+00
291	synthetic	BTC	candle	1s	2026-11-29 10:11:18+00	{"low": 169135.49, "high": 169166.49, "open": 169150.68, "close": 169151.3, "volume": 1.6859}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661881+00
292	synthetic	BTC	candle	1s	2026-11-29 10:11:19+00	{"low": 169115.73, "high": 169166.09, "open": 169151.3, "close": 169130.52, "volume": 5.4887}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661882+00
293	synthetic	BTC	candle	1s	2026-11-29 10:11:20+00	{"low": 169066.31, "high": 169190.62, "open": 169130.52, "close": 169126.41, "volume": 11.8083}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661883+00
294	synthetic	BTC	candle	1s	2026-11-29 10:11:21+00	{"low": 169074.96, "high": 169187.51, "open": 169126.41, "close": 169136.06, "volume": 14.276}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661884+00
295	synthetic	BTC	candle	1s	2026-11-29 10:11:22+00	{"low": 169117.7, "high": 169152.65, "open": 169136.06, "close": 169134.29, "volume": 4.0038}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661885+00
296	synthetic	BTC	candle	1s	2026-11-29 10:11:23+00	{"low": 169109.21, "high": 169208.62, "open": 169134.29, "close": 169183.54, "volume": 11.465}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661886+00
297	synthetic	BTC	candle	1s	2026-11-29 10:11:24+00	{"low": 169166.03, "high": 169188.92, "open": 169183.54, "close": 169171.42, "volume": 17.7059}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661887+00
298	synthetic	BTC	candle	1s	2026-11-29 10:11:25+00	{"low": 169149.29, "high": 169187.11, "open": 169171.42, "close": 169164.99, "volume": 9.3926}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661888+00
299	synthetic	BTC	candle	1s	2026-11-29 10:11:26+00	{"low": 169128.47, "high": 169210.41, "open": 169164.99, "close": 169173.9, "volume": 8.2597}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:27.661889+00
300	synthetic	BTC	candle	1s	2026-11-29 10:11:27+00	{"low": 169141.49, "high": 169197.37, "open": 169173.9, "close": 169164.96, "volume": 18.4215}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:28.016879+00
301	synthetic	BTC	candle	1s	2026-11-29 10:11:28+00	{"low": 169162.3, "high": 169172.84, "open": 169164.96, "close": 169170.18, "volume": 12.8116}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:29.011322+00
302	synthetic	BTC	candle	1s	2026-11-29 10:11:29+00	{"low": 169133.61, "high": 169212.04, "open": 169170.18, "close": 169175.47, "volume": 7.0657}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:30.012125+00
303	synthetic	BTC	candle	1s	2026-11-29 10:11:30+00	{"low": 169142.46, "high": 169204.94, "open": 169175.47, "close": 169171.92, "volume": 20.1045}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:31.013721+00
304	synthetic	BTC	candle	1s	2026-11-29 10:11:31+00	{"low": 169158.76, "high": 169210.64, "open": 169171.92, "close": 169197.48, "volume": 37.32}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:32.010921+00
305	synthetic	BTC	candle	1s	2026-11-29 10:11:32+00	{"low": 169169.67, "high": 169204.02, "open": 169197.48, "close": 169176.21, "volume": 13.7194}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:33.011781+00
306	synthetic	BTC	candle	1s	2026-11-29 10:11:33+00	{"low": 169099.53, "high": 169253.98, "open": 169176.21, "close": 169177.3, "volume": 5.2074}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:34.01213+00
307	synthetic	BTC	candle	1s	2026-11-29 10:11:34+00	{"low": 169176.92, "high": 169192.37, "open": 169177.3, "close": 169191.99, "volume": 4.7394}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:35.011712+00
308	synthetic	BTC	candle	1s	2026-11-29 10:11:35+00	{"low": 169130.47, "high": 169243.07, "open": 169191.99, "close": 169181.53, "volume": 32.3729}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:36.011466+00
309	synthetic	BTC	candle	1s	2026-11-29 10:11:36+00	{"low": 169178.08, "high": 169189.99, "open": 169181.53, "close": 169186.54, "volume": 5.4893}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:37.013027+00
310	synthetic	BTC	candle	1s	2026-11-29 10:11:37+00	{"low": 169175.98, "high": 169206.74, "open": 169186.54, "close": 169196.18, "volume": 4.7861}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:38.012332+00
311	synthetic	BTC	candle	1s	2026-11-29 10:11:38+00	{"low": 169188.05, "high": 169199.78, "open": 169196.18, "close": 169191.65, "volume": 12.5559}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:39.012781+00
312	synthetic	BTC	candle	1s	2026-11-29 10:11:39+00	{"low": 169161.45, "high": 169199.46, "open": 169191.65, "close": 169169.26, "volume": 6.5886}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:40.011402+00
313	synthetic	BTC	candle	1s	2026-11-29 10:11:40+00	{"low": 169093.89, "high": 169225.61, "open": 169169.26, "close": 169150.23, "volume": 3.8279}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:41.011241+00
314	synthetic	BTC	candle	1s	2026-11-29 10:11:41+00	{"low": 169062.68, "high": 169215.82, "open": 169150.23, "close": 169128.25, "volume": 14.0921}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:42.013336+00
315	synthetic	BTC	candle	1s	2026-11-29 10:11:42+00	{"low": 169105.02, "high": 169134.49, "open": 169128.25, "close": 169111.25, "volume": 8.8447}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.011695+00
316	synthetic	BTC	candle	1m	2026-11-29 07:11:00+00	{"low": 168090.58, "high": 168250.57, "open": 168246.99, "close": 168161.45, "volume": 19.6226}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512424+00
317	synthetic	BTC	candle	1m	2026-11-29 07:12:00+00	{"low": 168021.92, "high": 168185.89, "open": 168161.45, "close": 168063.11, "volume": 5.4875}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512429+00
318	synthetic	BTC	candle	1m	2026-11-29 07:13:00+00	{"low": 167882.22, "high": 168124.1, "open": 168063.11, "close": 167990.66, "volume": 16.1179}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512432+00
319	synthetic	BTC	candle	1m	2026-11-29 07:14:00+00	{"low": 167870.98, "high": 168044.34, "open": 167990.66, "close": 167930.47, "volume": 5.3873}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512433+00
320	synthetic	BTC	candle	1m	2026-11-29 07:15:00+00	{"low": 167797.37, "high": 167982.59, "open": 167930.47, "close": 167863.87, "volume": 7.585}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512435+00
321	synthetic	BTC	candle	1m	2026-11-29 07:16:00+00	{"low": 167841.69, "high": 168157.91, "open": 167863.87, "close": 168140.58, "volume": 3.8518}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512436+00
322	synthetic	BTC	candle	1m	2026-11-29 07:17:00+00	{"low": 168035.23, "high": 168293.07, "open": 168140.58, "close": 168145.37, "volume": 4.498}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512438+00
323	synthetic	BTC	candle	1m	2026-11-29 07:18:00+00	{"low": 168079.09, "high": 168350.22, "open": 168145.37, "close": 168284.31, "volume": 2.4248}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.51244+00
324	synthetic	BTC	candle	1m	2026-11-29 07:19:00+00	{"low": 168210.48, "high": 168471.38, "open": 168284.31, "close": 168362.57, "volume": 12.6094}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512441+00
325	synthetic	BTC	candle	1m	2026-11-29 07:20:00+00	{"low": 168192.03, "high": 168454.89, "open": 168362.57, "close": 168320.33, "volume": 4.734}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512442+00
326	synthetic	BTC	candle	1m	2026-11-29 07:21:00+00	{"low": 168260.54, "high": 168470.26, "open": 168320.33, "close": 168369.5, "volume": 6.5429}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512443+00
327	synthetic	BTC	candle	1m	2026-11-29 07:22:00+00	{"low": 168293.81, "high": 168525.6, "open": 168369.5, "close": 168434.96, "volume": 6.35}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512444+00
328	synthetic	BTC	candle	1m	2026-11-29 07:23:00+00	{"low": 168307.42, "high": 168633.39, "open": 168434.96, "close": 168603.47, "volume": 16.3332}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512445+00
329	synthetic	BTC	candle	1m	2026-11-29 07:24:00+00	{"low": 168495.99, "high": 168683.25, "open": 168603.47, "close": 168663.91, "volume": 9.08}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512447+00
330	synthetic	BTC	candle	1m	2026-11-29 07:25:00+00	{"low": 168589.66, "high": 168775.56, "open": 168663.91, "close": 168652.44, "volume": 5.1535}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512448+00
331	synthetic	BTC	candle	1m	2026-11-29 07:26:00+00	{"low": 168589.48, "high": 168737.46, "open": 168652.44, "close": 168669.3, "volume": 14.1492}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512451+00
332	synthetic	BTC	candle	1m	2026-11-29 07:27:00+00	{"low": 168605.51, "high": 168850.3, "open": 168669.3, "close": 168766.87, "volume": 1.582}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512452+00
333	synthetic	BTC	candle	1m	2026-11-29 07:28:00+00	{"low": 168601.19, "high": 168945.25, "open": 168766.87, "close": 168857.09, "volume": 9.5109}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512454+00
334	synthetic	BTC	candle	1m	2026-11-29 07:29:00+00	{"low": 168808.33, "high": 169227.63, "open": 168857.09, "close": 169067.35, "volume": 6.1561}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512455+00
335	synthetic	BTC	candle	1m	2026-11-29 07:30:00+00	{"low": 168938.43, "high": 169211.85, "open": 169067.35, "close": 169113.58, "volume": 4.0659}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512456+00
336	synthetic	BTC	candle	1m	2026-11-29 07:31:00+00	{"low": 168923.09, "high": 169136.03, "open": 169113.58, "close": 169060.25, "volume": 22.2633}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512457+00
337	synthetic	BTC	candle	1m	2026-11-29 07:32:00+00	{"low": 169001.34, "high": 169134.76, "open": 169060.25, "close": 169110.46, "volume": 17.6312}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512459+00
338	synthetic	BTC	candle	1m	2026-11-29 07:33:00+00	{"low": 169019.88, "high": 169285.13, "open": 169110.46, "close": 169195.96, "volume": 8.0263}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.51246+00
339	synthetic	BTC	candle	1m	2026-11-29 07:34:00+00	{"low": 169101.49, "high": 169280.05, "open": 169195.96, "close": 169167.13, "volume": 18.6815}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512462+00
340	synthetic	BTC	candle	1m	2026-11-29 07:35:00+00	{"low": 168877.31, "high": 169208.67, "open": 169167.13, "close": 168938.6, "volume": 7.7592}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512463+00
341	synthetic	BTC	candle	1m	2026-11-29 07:36:00+00	{"low": 168893.38, "high": 169142.43, "open": 168938.6, "close": 169045.36, "volume": 4.1438}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512465+00
342	synthetic	BTC	candle	1m	2026-11-29 07:37:00+00	{"low": 168891.98, "high": 169103.26, "open": 169045.36, "close": 168936.29, "volume": 19.2267}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512466+00
343	synthetic	BTC	candle	1m	2026-11-29 07:38:00+00	{"low": 168811.11, "high": 168977.83, "open": 168936.29, "close": 168925.35, "volume": 0.9858}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512468+00
344	synthetic	BTC	candle	1m	2026-11-29 07:39:00+00	{"low": 168877.75, "high": 169116.72, "open": 168925.35, "close": 168905.32, "volume": 7.2272}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512469+00
345	synthetic	BTC	candle	1m	2026-11-29 07:40:00+00	{"low": 168794.65, "high": 169236.04, "open": 168905.32, "close": 169146.11, "volume": 7.8839}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.51247+00
346	synthetic	BTC	candle	1m	2026-11-29 07:41:00+00	{"low": 168936.57, "high": 169307.16, "open": 169146.11, "close": 169065.57, "volume": 16.0557}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512471+00
347	synthetic	BTC	candle	1m	2026-11-29 07:42:00+00	{"low": 169017.37, "high": 169127.45, "open": 169065.57, "close": 169048.19, "volume": 8.5536}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512472+00
348	synthetic	BTC	candle	1m	2026-11-29 07:43:00+00	{"low": 168996.38, "high": 169111.23, "open": 169048.19, "close": 169108.4, "volume": 5.9139}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512473+00
349	synthetic	BTC	candle	1m	2026-11-29 07:44:00+00	{"low": 169082.61, "high": 169323.95, "open": 169108.4, "close": 169251.12, "volume": 19.4572}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512474+00
350	synthetic	BTC	candle	1m	2026-11-29 07:45:00+00	{"low": 169226.87, "high": 169510.36, "open": 169251.12, "close": 169481.75, "volume": 8.0849}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512476+00
351	synthetic	BTC	candle	1m	2026-11-29 07:46:00+00	{"low": 169198.47, "high": 169608.11, "open": 169481.75, "close": 169274.66, "volume": 8.3433}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512477+00
352	synthetic	BTC	candle	1m	2026-11-29 07:47:00+00	{"low": 168950.38, "high": 169297.37, "open": 169274.66, "close": 168996.18, "volume": 9.4989}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512478+00
353	synthetic	BTC	candle	1m	2026-11-29 07:48:00+00	{"low": 168890.03, "high": 169077.6, "open": 168996.18, "close": 168913.7, "volume": 6.5719}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512479+00
354	synthetic	BTC	candle	1m	2026-11-29 07:49:00+00	{"low": 168727.19, "high": 168957.37, "open": 168913.7, "close": 168793.04, "volume": 6.8271}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.51248+00
355	synthetic	BTC	candle	1m	2026-11-29 07:50:00+00	{"low": 168603.98, "high": 168826.14, "open": 168793.04, "close": 168690.02, "volume": 5.7311}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512481+00
356	synthetic	BTC	candle	1m	2026-11-29 07:51:00+00	{"low": 168581.93, "high": 168807.22, "open": 168690.02, "close": 168758.05, "volume": 17.5092}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512482+00
357	synthetic	BTC	candle	1m	2026-11-29 07:52:00+00	{"low": 168596.39, "high": 168809.42, "open": 168758.05, "close": 168799.09, "volume": 5.0127}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512483+00
358	synthetic	BTC	candle	1m	2026-11-29 07:53:00+00	{"low": 168717.15, "high": 168893.56, "open": 168799.09, "close": 168821.59, "volume": 23.7341}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512484+00
359	synthetic	BTC	candle	1m	2026-11-29 07:54:00+00	{"low": 168565.12, "high": 168881.05, "open": 168821.59, "close": 168649.41, "volume": 5.0811}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512486+00
360	synthetic	BTC	candle	1m	2026-11-29 07:55:00+00	{"low": 168546.59, "high": 168663.96, "open": 168649.41, "close": 168663.0, "volume": 0.9114}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512487+00
361	synthetic	BTC	candle	1m	2026-11-29 07:56:00+00	{"low": 168514.09, "high": 168824.68, "open": 168663.0, "close": 168564.86, "volume": 4.1608}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512488+00
362	synthetic	BTC	candle	1m	2026-11-29 07:57:00+00	{"low": 168437.02, "high": 168661.84, "open": 168564.86, "close": 168512.22, "volume": 18.2641}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512489+00
363	synthetic	BTC	candle	1m	2026-11-29 07:58:00+00	{"low": 168498.77, "high": 168733.16, "open": 168512.22, "close": 168582.79, "volume": 10.5906}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512491+00
364	synthetic	BTC	candle	1m	2026-11-29 07:59:00+00	{"low": 168543.17, "high": 168781.23, "open": 168582.79, "close": 168738.43, "volume": 20.0478}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512494+00
365	synthetic	BTC	candle	1m	2026-11-29 08:00:00+00	{"low": 168648.6, "high": 168812.45, "open": 168738.43, "close": 168735.02, "volume": 21.399}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512495+00
366	synthetic	BTC	candle	1m	2026-11-29 08:01:00+00	{"low": 168613.69, "high": 168872.83, "open": 168735.02, "close": 168735.81, "volume": 8.2403}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512497+00
367	synthetic	BTC	candle	1m	2026-11-29 08:02:00+00	{"low": 168669.54, "high": 168865.64, "open": 168735.81, "close": 168740.35, "volume": 17.1544}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512498+00
368	synthetic	BTC	candle	1m	2026-11-29 08:03:00+00	{"low": 168562.91, "high": 168866.62, "open": 168740.35, "close": 168697.45, "volume": 0.8179}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512499+00
369	synthetic	BTC	candle	1m	2026-11-29 08:04:00+00	{"low": 168410.84, "high": 168776.5, "open": 168697.45, "close": 168477.56, "volume": 8.5775}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.5125+00
370	synthetic	BTC	candle	1m	2026-11-29 08:05:00+00	{"low": 168472.0, "high": 168690.42, "open": 168477.56, "close": 168611.06, "volume": 7.9854}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512501+00
371	synthetic	BTC	candle	1m	2026-11-29 08:06:00+00	{"low": 168573.54, "high": 168727.35, "open": 168611.06, "close": 168678.92, "volume": 9.9994}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512503+00
372	synthetic	BTC	candle	1m	2026-11-29 08:07:00+00	{"low": 168674.66, "high": 168883.31, "open": 168678.92, "close": 168798.63, "volume": 32.856}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512504+00
373	synthetic	BTC	candle	1m	2026-11-29 08:08:00+00	{"low": 168581.76, "high": 168831.58, "open": 168798.63, "close": 168620.35, "volume": 1.5431}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512505+00
374	synthetic	BTC	candle	1m	2026-11-29 08:09:00+00	{"low": 168557.59, "high": 168822.42, "open": 168620.35, "close": 168699.16, "volume": 17.1801}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512506+00
375	synthetic	BTC	candle	1m	2026-11-29 08:10:00+00	{"low": 168559.51, "high": 168829.43, "open": 168699.16, "close": 168799.21, "volume": 10.6836}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512507+00
376	synthetic	BTC	candle	1m	2026-11-29 08:11:00+00	{"low": 168785.52, "high": 168917.86, "open": 168799.21, "close": 168865.58, "volume": 3.1858}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512508+00
377	synthetic	BTC	candle	1m	2026-11-29 08:12:00+00	{"low": 168651.5, "high": 168903.38, "open": 168865.58, "close": 168744.89, "volume": 7.6258}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512509+00
378	synthetic	BTC	candle	1m	2026-11-29 08:13:00+00	{"low": 168711.62, "high": 168914.17, "open": 168744.89, "close": 168885.9, "volume": 6.7522}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.51251+00
379	synthetic	BTC	candle	1m	2026-11-29 08:14:00+00	{"low": 168709.23, "high": 169018.25, "open": 168885.9, "close": 168953.63, "volume": 11.2383}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512511+00
380	synthetic	BTC	candle	1m	2026-11-29 08:15:00+00	{"low": 168914.82, "high": 169083.02, "open": 168953.63, "close": 169028.97, "volume": 20.42}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512512+00
381	synthetic	BTC	candle	1m	2026-11-29 08:16:00+00	{"low": 168940.03, "high": 169156.98, "open": 169028.97, "close": 169143.89, "volume": 3.2823}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512514+00
382	synthetic	BTC	candle	1m	2026-11-29 08:17:00+00	{"low": 168985.42, "high": 169212.33, "open": 169143.89, "close": 169093.1, "volume": 11.4119}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512515+00
383	synthetic	BTC	candle	1m	2026-11-29 08:18:00+00	{"low": 169030.66, "high": 169289.52, "open": 169093.1, "close": 169258.94, "volume": 5.6732}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512517+00
384	synthetic	BTC	candle	1m	2026-11-29 08:19:00+00	{"low": 168824.49, "high": 169305.74, "open": 169258.94, "close": 168859.74, "volume": 9.2328}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512518+00
385	synthetic	BTC	candle	1m	2026-11-29 08:20:00+00	{"low": 168698.09, "high": 168933.92, "open": 168859.74, "close": 168709.17, "volume": 20.3159}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512519+00
386	synthetic	BTC	candle	1m	2026-11-29 08:21:00+00	{"low": 168619.83, "high": 168812.42, "open": 168709.17, "close": 168775.15, "volume": 11.0567}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512521+00
387	synthetic	BTC	candle	1m	2026-11-29 08:22:00+00	{"low": 168758.27, "high": 168942.59, "open": 168775.15, "close": 168932.99, "volume": 7.2675}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512522+00
388	synthetic	BTC	candle	1m	2026-11-29 08:23:00+00	{"low": 168792.45, "high": 169008.77, "open": 168932.99, "close": 168959.64, "volume": 8.8814}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512523+00
389	synthetic	BTC	candle	1m	2026-11-29 08:24:00+00	{"low": 168711.62, "high": 169032.46, "open": 168959.64, "close": 168873.0, "volume": 17.1844}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512524+00
390	synthetic	BTC	candle	1m	2026-11-29 08:25:00+00	{"low": 168797.31, "high": 168971.85, "open": 168873.0, "close": 168941.75, "volume": 1.0988}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512525+00
391	synthetic	BTC	candle	1m	2026-11-29 08:26:00+00	{"low": 168772.09, "high": 169095.21, "open": 168941.75, "close": 168902.52, "volume": 6.026}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512526+00
392	synthetic	BTC	candle	1m	2026-11-29 08:27:00+00	{"low": 168654.26, "high": 168957.9, "open": 168902.52, "close": 168746.92, "volume": 15.0449}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512527+00
393	synthetic	BTC	candle	1m	2026-11-29 08:28:00+00	{"low": 168555.47, "high": 168827.0, "open": 168746.92, "close": 168660.16, "volume": 2.7017}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512529+00
394	synthetic	BTC	candle	1m	2026-11-29 08:29:00+00	{"low": 168516.64, "high": 168716.78, "open": 168660.16, "close": 168541.37, "volume": 2.613}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.51253+00
395	synthetic	BTC	candle	1m	2026-11-29 08:30:00+00	{"low": 168501.52, "high": 168674.82, "open": 168541.37, "close": 168622.81, "volume": 10.7729}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512531+00
396	synthetic	BTC	candle	1m	2026-11-29 08:31:00+00	{"low": 168512.38, "high": 168632.53, "open": 168622.81, "close": 168590.9, "volume": 5.2188}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512533+00
397	synthetic	BTC	candle	1m	2026-11-29 08:32:00+00	{"low": 168560.97, "high": 168873.1, "open": 168590.9, "close": 168790.09, "volume": 2.4952}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512534+00
398	synthetic	BTC	candle	1m	2026-11-29 08:33:00+00	{"low": 168665.07, "high": 168973.81, "open": 168790.09, "close": 168941.56, "volume": 7.1162}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512535+00
399	synthetic	BTC	candle	1m	2026-11-29 08:34:00+00	{"low": 168688.16, "high": 168983.72, "open": 168941.56, "close": 168713.46, "volume": 8.6075}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512536+00
400	synthetic	BTC	candle	1m	2026-11-29 08:35:00+00	{"low": 168580.5, "high": 168741.54, "open": 168713.46, "close": 168585.25, "volume": 29.4665}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512537+00
401	synthetic	BTC	candle	1m	2026-11-29 08:36:00+00	{"low": 168521.26, "high": 168771.46, "open": 168585.25, "close": 168757.28, "volume": 15.8804}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512538+00
402	synthetic	BTC	candle	1m	2026-11-29 08:37:00+00	{"low": 168643.44, "high": 168871.88, "open": 168757.28, "close": 168758.49, "volume": 2.5738}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512555+00
403	synthetic	BTC	candle	1m	2026-11-29 08:38:00+00	{"low": 168719.38, "high": 168988.2, "open": 168758.49, "close": 168933.73, "volume": 5.5266}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512556+00
404	synthetic	BTC	candle	1m	2026-11-29 08:39:00+00	{"low": 168724.46, "high": 168982.62, "open": 168933.73, "close": 168897.43, "volume": 9.0521}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512557+00
405	synthetic	BTC	candle	1m	2026-11-29 08:40:00+00	{"low": 168888.87, "high": 169097.14, "open": 168897.43, "close": 169043.16, "volume": 16.532}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512558+00
406	synthetic	BTC	candle	1m	2026-11-29 08:41:00+00	{"low": 169015.69, "high": 169271.92, "open": 169043.16, "close": 169213.4, "volume": 18.7354}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512559+00
407	synthetic	BTC	candle	1m	2026-11-29 08:42:00+00	{"low": 169083.11, "high": 169328.42, "open": 169213.4, "close": 169202.29, "volume": 3.7455}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.51256+00
408	synthetic	BTC	candle	1m	2026-11-29 08:43:00+00	{"low": 169193.41, "high": 169461.85, "open": 169202.29, "close": 169369.44, "volume": 2.3593}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512561+00
409	synthetic	BTC	candle	1m	2026-11-29 08:44:00+00	{"low": 169358.98, "high": 169636.96, "open": 169369.44, "close": 169587.9, "volume": 16.6869}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512562+00
410	synthetic	BTC	candle	1m	2026-11-29 08:45:00+00	{"low": 169577.57, "high": 169745.45, "open": 169587.9, "close": 169677.76, "volume": 6.352}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512563+00
411	synthetic	BTC	candle	1m	2026-11-29 08:46:00+00	{"low": 169533.0, "high": 169780.63, "open": 169677.76, "close": 169732.68, "volume": 14.5714}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512564+00
412	synthetic	BTC	candle	1m	2026-11-29 08:47:00+00	{"low": 169647.33, "high": 169918.17, "open": 169732.68, "close": 169837.94, "volume": 10.2786}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512565+00
413	synthetic	BTC	candle	1m	2026-11-29 08:48:00+00	{"low": 169588.72, "high": 169890.34, "open": 169837.94, "close": 169653.1, "volume": 4.4939}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512566+00
414	synthetic	BTC	candle	1m	2026-11-29 08:49:00+00	{"low": 169450.48, "high": 169687.81, "open": 169653.1, "close": 169491.28, "volume": 3.3832}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512567+00
415	synthetic	BTC	candle	1m	2026-11-29 08:50:00+00	{"low": 169393.86, "high": 169572.78, "open": 169491.28, "close": 169523.63, "volume": 13.6086}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512568+00
416	synthetic	BTC	candle	1m	2026-11-29 08:51:00+00	{"low": 169430.12, "high": 169883.79, "open": 169523.63, "close": 169719.97, "volume": 6.042}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512569+00
417	synthetic	BTC	candle	1m	2026-11-29 08:52:00+00	{"low": 169673.94, "high": 169899.94, "open": 169719.97, "close": 169841.42, "volume": 4.4755}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.51257+00
418	synthetic	BTC	candle	1m	2026-11-29 08:53:00+00	{"low": 169782.07, "high": 170102.24, "open": 169841.42, "close": 170083.35, "volume": 20.1614}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512571+00
419	synthetic	BTC	candle	1m	2026-11-29 08:54:00+00	{"low": 169826.89, "high": 170114.54, "open": 170083.35, "close": 169864.26, "volume": 4.0844}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512571+00
420	synthetic	BTC	candle	1m	2026-11-29 08:55:00+00	{"low": 169798.77, "high": 170161.44, "open": 169864.26, "close": 170112.7, "volume": 37.4758}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512572+00
421	synthetic	BTC	candle	1m	2026-11-29 08:56:00+00	{"low": 170015.28, "high": 170298.15, "open": 170112.7, "close": 170214.33, "volume": 8.8873}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512574+00
422	synthetic	BTC	candle	1m	2026-11-29 08:57:00+00	{"low": 170039.95, "high": 170223.65, "open": 170214.33, "close": 170134.28, "volume": 7.4477}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512575+00
423	synthetic	BTC	candle	1m	2026-11-29 08:58:00+00	{"low": 170133.69, "high": 170224.33, "open": 170134.28, "close": 170172.18, "volume": 6.1503}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512576+00
424	synthetic	BTC	candle	1m	2026-11-29 08:59:00+00	{"low": 170096.6, "high": 170374.5, "open": 170172.18, "close": 170250.84, "volume": 4.6521}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512577+00
425	synthetic	BTC	candle	1m	2026-11-29 09:00:00+00	{"low": 170165.2, "high": 170417.91, "open": 170250.84, "close": 170375.8, "volume": 9.9409}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512578+00
426	synthetic	BTC	candle	1m	2026-11-29 09:01:00+00	{"low": 170244.89, "high": 170477.9, "open": 170375.8, "close": 170351.78, "volume": 4.7391}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512579+00
427	synthetic	BTC	candle	1m	2026-11-29 09:02:00+00	{"low": 170293.69, "high": 170630.58, "open": 170351.78, "close": 170607.1, "volume": 1.6639}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.51258+00
428	synthetic	BTC	candle	1m	2026-11-29 09:03:00+00	{"low": 170583.77, "high": 170852.05, "open": 170607.1, "close": 170833.9, "volume": 5.8034}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512581+00
429	synthetic	BTC	candle	1m	2026-11-29 09:04:00+00	{"low": 170815.7, "high": 170986.74, "open": 170833.9, "close": 170862.56, "volume": 1.5974}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512582+00
430	synthetic	BTC	candle	1m	2026-11-29 09:05:00+00	{"low": 170693.47, "high": 170897.16, "open": 170862.56, "close": 170746.12, "volume": 15.3936}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512583+00
431	synthetic	BTC	candle	1m	2026-11-29 09:06:00+00	{"low": 170606.88, "high": 170789.3, "open": 170746.12, "close": 170708.13, "volume": 7.6867}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512584+00
432	synthetic	BTC	candle	1m	2026-11-29 09:07:00+00	{"low": 170586.94, "high": 170739.05, "open": 170708.13, "close": 170712.28, "volume": 16.4697}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512585+00
433	synthetic	BTC	candle	1m	2026-11-29 09:08:00+00	{"low": 170659.73, "high": 170965.17, "open": 170712.28, "close": 170741.69, "volume": 8.6073}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512585+00
434	synthetic	BTC	candle	1m	2026-11-29 09:09:00+00	{"low": 170666.14, "high": 170841.67, "open": 170741.69, "close": 170709.57, "volume": 3.9554}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512586+00
435	synthetic	BTC	candle	1m	2026-11-29 09:10:00+00	{"low": 170689.64, "high": 170983.28, "open": 170709.57, "close": 170952.31, "volume": 7.9774}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:43.512587+00
438	synthetic	BTC	candle	1s	2026-11-29 10:11:45+00	{"low": 169113.76, "high": 169143.95, "open": 169132.94, "close": 169124.77, "volume": 10.0417}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:46.011134+00
442	synthetic	BTC	candle	1s	2026-11-29 10:11:49+00	{"low": 169131.3, "high": 169169.31, "open": 169159.96, "close": 169140.65, "volume": 12.9565}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:50.011363+00
446	synthetic	BTC	candle	1s	2026-11-29 10:11:53+00	{"low": 169130.16, "high": 169205.92, "open": 169168.15, "close": 169167.93, "volume": 3.9058}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:54.01157+00
450	synthetic	BTC	candle	1s	2026-11-29 10:11:57+00	{"low": 169123.94, "high": 169227.43, "open": 169184.17, "close": 169167.21, "volume": 12.3241}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:58.012781+00
454	synthetic	BTC	candle	1s	2026-11-29 10:12:01+00	{"low": 169141.97, "high": 169206.75, "open": 169155.59, "close": 169193.13, "volume": 3.929}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:02.010672+00
458	synthetic	BTC	candle	1s	2026-11-29 10:12:05+00	{"low": 169116.4, "high": 169150.59, "open": 169137.49, "close": 169129.5, "volume": 23.8822}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:06.011669+00
462	synthetic	BTC	candle	1s	2026-11-29 10:12:09+00	{"low": 169052.35, "high": 169196.79, "open": 169120.54, "close": 169128.6, "volume": 14.6917}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:10.016675+00
466	synthetic	BTC	candle	1s	2026-11-29 10:12:13+00	{"low": 169111.4, "high": 169262.87, "open": 169177.0, "close": 169197.27, "volume": 13.6252}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:14.01187+00
470	synthetic	BTC	candle	1s	2026-11-29 10:12:17+00	{"low": 169209.08, "high": 169263.25, "open": 169244.03, "close": 169228.3, "volume": 5.7962}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:18.011381+00
436	synthetic	BTC	candle	1s	2026-11-29 10:11:43+00	{"low": 169070.41, "high": 169150.09, "open": 169111.25, "close": 169109.25, "volume": 5.9844}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:44.012012+00
437	synthetic	BTC	candle	1s	2026-11-29 10:11:44+00	{"low": 169104.68, "high": 169137.5, "open": 169109.25, "close": 169132.94, "volume": 10.5505}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:45.015037+00
440	synthetic	BTC	candle	1s	2026-11-29 10:11:47+00	{"low": 169106.48, "high": 169184.36, "open": 169137.17, "close": 169153.67, "volume": 12.6406}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:48.012983+00
441	synthetic	BTC	candle	1s	2026-11-29 10:11:48+00	{"low": 169092.99, "high": 169220.63, "open": 169153.67, "close": 169159.96, "volume": 4.3633}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:49.011119+00
444	synthetic	BTC	candle	1s	2026-11-29 10:11:51+00	{"low": 169106.58, "high": 169146.55, "open": 169132.3, "close": 169120.84, "volume": 20.63}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:52.012689+00
445	synthetic	BTC	candle	1s	2026-11-29 10:11:52+00	{"low": 169090.28, "high": 169198.72, "open": 169120.84, "close": 169168.15, "volume": 11.3663}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:53.011097+00
448	synthetic	BTC	candle	1s	2026-11-29 10:11:55+00	{"low": 169176.58, "high": 169193.95, "open": 169184.96, "close": 169185.57, "volume": 1.7403}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:56.011931+00
449	synthetic	BTC	candle	1s	2026-11-29 10:11:56+00	{"low": 169173.45, "high": 169196.28, "open": 169185.57, "close": 169184.17, "volume": 5.7464}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:57.011409+00
452	synthetic	BTC	candle	1s	2026-11-29 10:11:59+00	{"low": 169129.89, "high": 169213.63, "open": 169168.17, "close": 169175.35, "volume": 20.596}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:00.011614+00
453	synthetic	BTC	candle	1s	2026-11-29 10:12:00+00	{"low": 169123.23, "high": 169207.71, "open": 169175.35, "close": 169155.59, "volume": 8.9389}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:01.011302+00
456	synthetic	BTC	candle	1s	2026-11-29 10:12:03+00	{"low": 169122.79, "high": 169191.0, "open": 169165.82, "close": 169147.96, "volume": 8.3742}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:04.011131+00
457	synthetic	BTC	candle	1s	2026-11-29 10:12:04+00	{"low": 169113.19, "high": 169172.26, "open": 169147.96, "close": 169137.49, "volume": 41.9398}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:05.01136+00
460	synthetic	BTC	candle	1s	2026-11-29 10:12:07+00	{"low": 169101.69, "high": 169181.4, "open": 169151.86, "close": 169131.23, "volume": 13.7686}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:08.013461+00
461	synthetic	BTC	candle	1s	2026-11-29 10:12:08+00	{"low": 169119.63, "high": 169132.14, "open": 169131.23, "close": 169120.54, "volume": 2.7933}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:09.011659+00
464	synthetic	BTC	candle	1s	2026-11-29 10:12:11+00	{"low": 169082.96, "high": 169258.49, "open": 169177.98, "close": 169163.46, "volume": 38.5305}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:12.010685+00
465	synthetic	BTC	candle	1s	2026-11-29 10:12:12+00	{"low": 169148.29, "high": 169192.16, "open": 169163.46, "close": 169177.0, "volume": 15.2367}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:13.011149+00
468	synthetic	BTC	candle	1s	2026-11-29 10:12:15+00	{"low": 169212.11, "high": 169283.27, "open": 169231.68, "close": 169263.7, "volume": 12.3601}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:16.011559+00
469	synthetic	BTC	candle	1s	2026-11-29 10:12:16+00	{"low": 169240.47, "high": 169267.26, "open": 169263.7, "close": 169244.03, "volume": 4.9428}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:17.010885+00
439	synthetic	BTC	candle	1s	2026-11-29 10:11:46+00	{"low": 169098.44, "high": 169163.5, "open": 169124.77, "close": 169137.17, "volume": 25.5954}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:47.011449+00
443	synthetic	BTC	candle	1s	2026-11-29 10:11:50+00	{"low": 169109.43, "high": 169163.52, "open": 169140.65, "close": 169132.3, "volume": 16.2289}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:51.011684+00
447	synthetic	BTC	candle	1s	2026-11-29 10:11:54+00	{"low": 169149.13, "high": 169203.76, "open": 169167.93, "close": 169184.96, "volume": 6.6375}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:55.012909+00
451	synthetic	BTC	candle	1s	2026-11-29 10:11:58+00	{"low": 169078.78, "high": 169256.59, "open": 169167.21, "close": 169168.17, "volume": 1.1483}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:11:59.011639+00
455	synthetic	BTC	candle	1s	2026-11-29 10:12:02+00	{"low": 169132.91, "high": 169226.05, "open": 169193.13, "close": 169165.82, "volume": 12.5353}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:03.010698+00
459	synthetic	BTC	candle	1s	2026-11-29 10:12:06+00	{"low": 169112.29, "high": 169169.07, "open": 169129.5, "close": 169151.86, "volume": 5.7494}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:07.011392+00
463	synthetic	BTC	candle	1s	2026-11-29 10:12:10+00	{"low": 169114.97, "high": 169191.61, "open": 169128.6, "close": 169177.98, "volume": 24.4858}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:11.010998+00
467	synthetic	BTC	candle	1s	2026-11-29 10:12:14+00	{"low": 169148.14, "high": 169280.82, "open": 169197.27, "close": 169231.68, "volume": 11.3524}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:15.011461+00
471	synthetic	BTC	candle	1s	2026-11-29 10:12:18+00	{"low": 169227.32, "high": 169237.51, "open": 169228.3, "close": 169236.53, "volume": 5.6511}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:19.01076+00
472	synthetic	BTC	candle	1s	2026-11-29 10:12:19+00	{"low": 169194.28, "high": 169306.5, "open": 169236.53, "close": 169264.24, "volume": 16.6539}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:20.010824+00
473	synthetic	BTC	candle	1s	2026-11-29 10:12:20+00	{"low": 169233.84, "high": 169317.4, "open": 169264.24, "close": 169286.99, "volume": 3.8907}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:21.011896+00
474	synthetic	BTC	candle	1s	2026-11-29 10:12:21+00	{"low": 169247.43, "high": 169317.37, "open": 169286.99, "close": 169277.8, "volume": 7.9241}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:22.014221+00
475	synthetic	BTC	candle	1s	2026-11-29 10:12:22+00	{"low": 169214.2, "high": 169367.39, "open": 169277.8, "close": 169303.79, "volume": 8.3535}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:23.011111+00
476	synthetic	BTC	candle	1s	2026-11-29 10:12:23+00	{"low": 169284.61, "high": 169312.67, "open": 169303.79, "close": 169293.49, "volume": 21.5628}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:24.011396+00
477	synthetic	BTC	candle	1s	2026-11-29 10:12:24+00	{"low": 169265.94, "high": 169305.98, "open": 169293.49, "close": 169278.43, "volume": 4.7345}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:25.011366+00
478	synthetic	BTC	candle	1s	2026-11-29 10:12:25+00	{"low": 169239.3, "high": 169310.54, "open": 169278.43, "close": 169271.42, "volume": 15.3244}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:26.011307+00
479	synthetic	BTC	candle	1s	2026-11-29 10:12:26+00	{"low": 169228.85, "high": 169290.41, "open": 169271.42, "close": 169247.84, "volume": 11.7232}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:27.011346+00
480	synthetic	BTC	candle	1s	2026-11-29 10:12:27+00	{"low": 169213.99, "high": 169270.49, "open": 169247.84, "close": 169236.64, "volume": 13.3353}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:28.010946+00
481	synthetic	BTC	candle	1s	2026-11-29 10:12:28+00	{"low": 169214.34, "high": 169244.66, "open": 169236.64, "close": 169222.36, "volume": 14.4356}	{"final": true, "synthetic_seed": 42}	2026-11-29 10:12:29.012533+00
\.


--
-- Data for Name: feed_watermarks; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.feed_watermarks (source, subject, kind, granularity, last_event_ts, malformed_count, state, detail, updated_at) FROM stdin;
synthetic	BTC	candle	1m	2026-11-29 09:10:00+00	0	BACKFILLING	\N	2026-11-29 10:11:43.524249+00
synthetic	BTC	candle	1s	2026-11-29 10:12:28+00	0	LIVE	\N	2026-11-29 10:12:29.014724+00
\.


--
-- Data for Name: inputs; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.inputs (id, config_id, slot, status, payload, ground_truth, horizon_at, received_at, resolved_at, detail) FROM stdin;
btc-3s@20261129T101127Z	btc-3s	2026-11-29 10:11:27+00	RESOLVED	{"symbol": "BTC", "asof_ts": 1795947087, "candles_1m": [{"ts": 1795947058, "low": 169076.38, "high": 169175.67, "open": 169134.91, "close": 169117.14, "volume": 3.1656}, {"ts": 1795947059, "low": 169051.72, "high": 169170.56, "open": 169117.14, "close": 169105.14, "volume": 20.7537}, {"ts": 1795947060, "low": 169081.47, "high": 169139.27, "open": 169105.14, "close": 169115.6, "volume": 4.5786}, {"ts": 1795947061, "low": 169067.17, "high": 169133.63, "open": 169115.6, "close": 169085.2, "volume": 5.3953}, {"ts": 1795947062, "low": 169055.03, "high": 169120.01, "open": 169085.2, "close": 169089.84, "volume": 30.2085}, {"ts": 1795947063, "low": 169088.8, "high": 169113.68, "open": 169089.84, "close": 169112.64, "volume": 5.8417}, {"ts": 1795947064, "low": 169091.92, "high": 169147.64, "open": 169112.64, "close": 169126.92, "volume": 10.9147}, {"ts": 1795947065, "low": 169086.19, "high": 169187.41, "open": 169126.92, "close": 169146.68, "volume": 11.5428}, {"ts": 1795947066, "low": 169094.99, "high": 169157.88, "open": 169146.68, "close": 169106.19, "volume": 9.6062}, {"ts": 1795947067, "low": 169086.05, "high": 169112.51, "open": 169106.19, "close": 169092.37, "volume": 10.6058}, {"ts": 1795947068, "low": 169062.21, "high": 169115.65, "open": 169092.37, "close": 169085.49, "volume": 20.3883}, {"ts": 1795947069, "low": 169078.4, "high": 169099.77, "open": 169085.49, "close": 169092.68, "volume": 3.8288}, {"ts": 1795947070, "low": 169029.01, "high": 169155.58, "open": 169092.68, "close": 169091.9, "volume": 38.118}, {"ts": 1795947071, "low": 169063.96, "high": 169121.4, "open": 169091.9, "close": 169093.45, "volume": 7.5867}, {"ts": 1795947072, "low": 169071.22, "high": 169163.11, "open": 169093.45, "close": 169140.88, "volume": 5.3946}, {"ts": 1795947073, "low": 169126.8, "high": 169144.45, "open": 169140.88, "close": 169130.37, "volume": 2.1027}, {"ts": 1795947074, "low": 169129.32, "high": 169132.41, "open": 169130.37, "close": 169131.36, "volume": 14.8358}, {"ts": 1795947075, "low": 169096.64, "high": 169168.23, "open": 169131.36, "close": 169133.51, "volume": 9.9502}, {"ts": 1795947076, "low": 169092.35, "high": 169179.88, "open": 169133.51, "close": 169138.72, "volume": 4.2931}, {"ts": 1795947077, "low": 169084.77, "high": 169204.64, "open": 169138.72, "close": 169150.68, "volume": 3.0176}, {"ts": 1795947078, "low": 169135.49, "high": 169166.49, "open": 169150.68, "close": 169151.3, "volume": 1.6859}, {"ts": 1795947079, "low": 169115.73, "high": 169166.09, "open": 169151.3, "close": 169130.52, "volume": 5.4887}, {"ts": 1795947080, "low": 169066.31, "high": 169190.62, "open": 169130.52, "close": 169126.41, "volume": 11.8083}, {"ts": 1795947081, "low": 169074.96, "high": 169187.51, "open": 169126.41, "close": 169136.06, "volume": 14.276}, {"ts": 1795947082, "low": 169117.7, "high": 169152.65, "open": 169136.06, "close": 169134.29, "volume": 4.0038}, {"ts": 1795947083, "low": 169109.21, "high": 169208.62, "open": 169134.29, "close": 169183.54, "volume": 11.465}, {"ts": 1795947084, "low": 169166.03, "high": 169188.92, "open": 169183.54, "close": 169171.42, "volume": 17.7059}, {"ts": 1795947085, "low": 169149.29, "high": 169187.11, "open": 169171.42, "close": 169164.99, "volume": 9.3926}, {"ts": 1795947086, "low": 169128.47, "high": 169210.41, "open": 169164.99, "close": 169173.9, "volume": 8.2597}, {"ts": 1795947087, "low": 169141.49, "high": 169197.37, "open": 169173.9, "close": 169164.96, "volume": 18.4215}]}	{"return": 0.00006212870561379446, "entry_price": 169164.96, "direction_up": true, "resolved_price": 169175.47}	2026-11-29 10:11:30+00	2026-11-29 10:11:30.891022+00	2026-11-29 10:11:31.010105+00	\N
btc-3s@20261129T101128Z	btc-3s	2026-11-29 10:11:28+00	RESOLVED	{"symbol": "BTC", "asof_ts": 1795947088, "candles_1m": [{"ts": 1795947059, "low": 169051.72, "high": 169170.56, "open": 169117.14, "close": 169105.14, "volume": 20.7537}, {"ts": 1795947060, "low": 169081.47, "high": 169139.27, "open": 169105.14, "close": 169115.6, "volume": 4.5786}, {"ts": 1795947061, "low": 169067.17, "high": 169133.63, "open": 169115.6, "close": 169085.2, "volume": 5.3953}, {"ts": 1795947062, "low": 169055.03, "high": 169120.01, "open": 169085.2, "close": 169089.84, "volume": 30.2085}, {"ts": 1795947063, "low": 169088.8, "high": 169113.68, "open": 169089.84, "close": 169112.64, "volume": 5.8417}, {"ts": 1795947064, "low": 169091.92, "high": 169147.64, "open": 169112.64, "close": 169126.92, "volume": 10.9147}, {"ts": 1795947065, "low": 169086.19, "high": 169187.41, "open": 169126.92, "close": 169146.68, "volume": 11.5428}, {"ts": 1795947066, "low": 169094.99, "high": 169157.88, "open": 169146.68, "close": 169106.19, "volume": 9.6062}, {"ts": 1795947067, "low": 169086.05, "high": 169112.51, "open": 169106.19, "close": 169092.37, "volume": 10.6058}, {"ts": 1795947068, "low": 169062.21, "high": 169115.65, "open": 169092.37, "close": 169085.49, "volume": 20.3883}, {"ts": 1795947069, "low": 169078.4, "high": 169099.77, "open": 169085.49, "close": 169092.68, "volume": 3.8288}, {"ts": 1795947070, "low": 169029.01, "high": 169155.58, "open": 169092.68, "close": 169091.9, "volume": 38.118}, {"ts": 1795947071, "low": 169063.96, "high": 169121.4, "open": 169091.9, "close": 169093.45, "volume": 7.5867}, {"ts": 1795947072, "low": 169071.22, "high": 169163.11, "open": 169093.45, "close": 169140.88, "volume": 5.3946}, {"ts": 1795947073, "low": 169126.8, "high": 169144.45, "open": 169140.88, "close": 169130.37, "volume": 2.1027}, {"ts": 1795947074, "low": 169129.32, "high": 169132.41, "open": 169130.37, "close": 169131.36, "volume": 14.8358}, {"ts": 1795947075, "low": 169096.64, "high": 169168.23, "open": 169131.36, "close": 169133.51, "volume": 9.9502}, {"ts": 1795947076, "low": 169092.35, "high": 169179.88, "open": 169133.51, "close": 169138.72, "volume": 4.2931}, {"ts": 1795947077, "low": 169084.77, "high": 169204.64, "open": 169138.72, "close": 169150.68, "volume": 3.0176}, {"ts": 1795947078, "low": 169135.49, "high": 169166.49, "open": 169150.68, "close": 169151.3, "volume": 1.6859}, {"ts": 1795947079, "low": 169115.73, "high": 169166.09, "open": 169151.3, "close": 169130.52, "volume": 5.4887}, {"ts": 1795947080, "low": 169066.31, "high": 169190.62, "open": 169130.52, "close": 169126.41, "volume": 11.8083}, {"ts": 1795947081, "low": 169074.96, "high": 169187.51, "open": 169126.41, "close": 169136.06, "volume": 14.276}, {"ts": 1795947082, "low": 169117.7, "high": 169152.65, "open": 169136.06, "close": 169134.29, "volume": 4.0038}, {"ts": 1795947083, "low": 169109.21, "high": 169208.62, "open": 169134.29, "close": 169183.54, "volume": 11.465}, {"ts": 1795947084, "low": 169166.03, "high": 169188.92, "open": 169183.54, "close": 169171.42, "volume": 17.7059}, {"ts": 1795947085, "low": 169149.29, "high": 169187.11, "open": 169171.42, "close": 169164.99, "volume": 9.3926}, {"ts": 1795947086, "low": 169128.47, "high": 169210.41, "open": 169164.99, "close": 169173.9, "volume": 8.2597}, {"ts": 1795947087, "low": 169141.49, "high": 169197.37, "open": 169173.9, "close": 169164.96, "volume": 18.4215}, {"ts": 1795947088, "low": 169162.3, "high": 169172.84, "open": 169164.96, "close": 169170.18, "volume": 12.8116}]}	{"return": 0.00016137595881270247, "entry_price": 169170.18, "direction_up": true, "resolved_price": 169197.48}	2026-11-29 10:11:31+00	2026-11-29 10:11:30.883373+00	2026-11-29 10:11:32.029548+00	\N
btc-3s@20261129T101129Z	btc-3s	2026-11-29 10:11:29+00	RESOLVED	{"symbol": "BTC", "asof_ts": 1795947089, "candles_1m": [{"ts": 1795947060, "low": 169081.47, "high": 169139.27, "open": 169105.14, "close": 169115.6, "volume": 4.5786}, {"ts": 1795947061, "low": 169067.17, "high": 169133.63, "open": 169115.6, "close": 169085.2, "volume": 5.3953}, {"ts": 1795947062, "low": 169055.03, "high": 169120.01, "open": 169085.2, "close": 169089.84, "volume": 30.2085}, {"ts": 1795947063, "low": 169088.8, "high": 169113.68, "open": 169089.84, "close": 169112.64, "volume": 5.8417}, {"ts": 1795947064, "low": 169091.92, "high": 169147.64, "open": 169112.64, "close": 169126.92, "volume": 10.9147}, {"ts": 1795947065, "low": 169086.19, "high": 169187.41, "open": 169126.92, "close": 169146.68, "volume": 11.5428}, {"ts": 1795947066, "low": 169094.99, "high": 169157.88, "open": 169146.68, "close": 169106.19, "volume": 9.6062}, {"ts": 1795947067, "low": 169086.05, "high": 169112.51, "open": 169106.19, "close": 169092.37, "volume": 10.6058}, {"ts": 1795947068, "low": 169062.21, "high": 169115.65, "open": 169092.37, "close": 169085.49, "volume": 20.3883}, {"ts": 1795947069, "low": 169078.4, "high": 169099.77, "open": 169085.49, "close": 169092.68, "volume": 3.8288}, {"ts": 1795947070, "low": 169029.01, "high": 169155.58, "open": 169092.68, "close": 169091.9, "volume": 38.118}, {"ts": 1795947071, "low": 169063.96, "high": 169121.4, "open": 169091.9, "close": 169093.45, "volume": 7.5867}, {"ts": 1795947072, "low": 169071.22, "high": 169163.11, "open": 169093.45, "close": 169140.88, "volume": 5.3946}, {"ts": 1795947073, "low": 169126.8, "high": 169144.45, "open": 169140.88, "close": 169130.37, "volume": 2.1027}, {"ts": 1795947074, "low": 169129.32, "high": 169132.41, "open": 169130.37, "close": 169131.36, "volume": 14.8358}, {"ts": 1795947075, "low": 169096.64, "high": 169168.23, "open": 169131.36, "close": 169133.51, "volume": 9.9502}, {"ts": 1795947076, "low": 169092.35, "high": 169179.88, "open": 169133.51, "close": 169138.72, "volume": 4.2931}, {"ts": 1795947077, "low": 169084.77, "high": 169204.64, "open": 169138.72, "close": 169150.68, "volume": 3.0176}, {"ts": 1795947078, "low": 169135.49, "high": 169166.49, "open": 169150.68, "close": 169151.3, "volume": 1.6859}, {"ts": 1795947079, "low": 169115.73, "high": 169166.09, "open": 169151.3, "close": 169130.52, "volume": 5.4887}, {"ts": 1795947080, "low": 169066.31, "high": 169190.62, "open": 169130.52, "close": 169126.41, "volume": 11.8083}, {"ts": 1795947081, "low": 169074.96, "high": 169187.51, "open": 169126.41, "close": 169136.06, "volume": 14.276}, {"ts": 1795947082, "low": 169117.7, "high": 169152.65, "open": 169136.06, "close": 169134.29, "volume": 4.0038}, {"ts": 1795947083, "low": 169109.21, "high": 169208.62, "open": 169134.29, "close": 169183.54, "volume": 11.465}, {"ts": 1795947084, "low": 169166.03, "high": 169188.92, "open": 169183.54, "close": 169171.42, "volume": 17.7059}, {"ts": 1795947085, "low": 169149.29, "high": 169187.11, "open": 169171.42, "close": 169164.99, "volume": 9.3926}, {"ts": 1795947086, "low": 169128.47, "high": 169210.41, "open": 169164.99, "close": 169173.9, "volume": 8.2597}, {"ts": 1795947087, "low": 169141.49, "high": 169197.37, "open": 169173.9, "close": 169164.96, "volume": 18.4215}, {"ts": 1795947088, "low": 169162.3, "high": 169172.84, "open": 169164.96, "close": 169170.18, "volume": 12.8116}, {"ts": 1795947089, "low": 169133.61, "high": 169212.04, "open": 169170.18, "close": 169175.47, "volume": 7.0657}]}	{"return": 0.00013010160397372805, "entry_price": 169175.47, "direction_up": true, "resolved_price": 169197.48}	2026-11-29 10:11:32+00	2026-11-29 10:11:30.870256+00	2026-11-29 10:11:32.051819+00	\N
eth-3s@20261129T101129Z	eth-3s	2026-11-29 10:11:29+00	EXPIRED	{"symbol": "ETH", "asof_ts": 1795947089, "candles_1m": []}	null	2026-11-29 10:11:32+00	2026-11-29 10:11:30.893419+00	\N	ground truth never arrived by 2026-11-29T10:11:36+00:00: feed covers up to nothing, horizon is 2026-11-29T10:11:32+00:00
btc-3s-lost@20261129T101136Z	btc-3s-lost	2026-11-29 10:11:36+00	RESOLVED	{"symbol": "BTC", "asof_ts": 1795947096, "candles_1m": [{"ts": 1795947066, "low": 169094.99, "high": 169157.88, "open": 169146.68, "close": 169106.19, "volume": 9.6062}, {"ts": 1795947067, "low": 169086.05, "high": 169112.51, "open": 169106.19, "close": 169092.37, "volume": 10.6058}, {"ts": 1795947068, "low": 169062.21, "high": 169115.65, "open": 169092.37, "close": 169085.49, "volume": 20.3883}, {"ts": 1795947069, "low": 169078.4, "high": 169099.77, "open": 169085.49, "close": 169092.68, "volume": 3.8288}, {"ts": 1795947070, "low": 169029.01, "high": 169155.58, "open": 169092.68, "close": 169091.9, "volume": 38.118}, {"ts": 1795947071, "low": 169063.96, "high": 169121.4, "open": 169091.9, "close": 169093.45, "volume": 7.5867}, {"ts": 1795947072, "low": 169071.22, "high": 169163.11, "open": 169093.45, "close": 169140.88, "volume": 5.3946}, {"ts": 1795947073, "low": 169126.8, "high": 169144.45, "open": 169140.88, "close": 169130.37, "volume": 2.1027}, {"ts": 1795947074, "low": 169129.32, "high": 169132.41, "open": 169130.37, "close": 169131.36, "volume": 14.8358}, {"ts": 1795947075, "low": 169096.64, "high": 169168.23, "open": 169131.36, "close": 169133.51, "volume": 9.9502}, {"ts": 1795947076, "low": 169092.35, "high": 169179.88, "open": 169133.51, "close": 169138.72, "volume": 4.2931}, {"ts": 1795947077, "low": 169084.77, "high": 169204.64, "open": 169138.72, "close": 169150.68, "volume": 3.0176}, {"ts": 1795947078, "low": 169135.49, "high": 169166.49, "open": 169150.68, "close": 169151.3, "volume": 1.6859}, {"ts": 1795947079, "low": 169115.73, "high": 169166.09, "open": 169151.3, "close": 169130.52, "volume": 5.4887}, {"ts": 1795947080, "low": 169066.31, "high": 169190.62, "open": 169130.52, "close": 169126.41, "volume": 11.8083}, {"ts": 1795947081, "low": 169074.96, "high": 169187.51, "open": 169126.41, "close": 169136.06, "volume": 14.276}, {"ts": 1795947082, "low": 169117.7, "high": 169152.65, "open": 169136.06, "close": 169134.29, "volume": 4.0038}, {"ts": 1795947083, "low": 169109.21, "high": 169208.62, "open": 169134.29, "close": 169183.54, "volume": 11.465}, {"ts": 1795947084, "low": 169166.03, "high": 169188.92, "open": 169183.54, "close": 169171.42, "volume": 17.7059}, {"ts": 1795947085, "low": 169149.29, "high": 169187.11, "open": 169171.42, "close": 169164.99, "volume": 9.3926}, {"ts": 1795947086, "low": 169128.47, "high": 169210.41, "open": 169164.99, "close": 169173.9, "volume": 8.2597}, {"ts": 1795947087, "low": 169141.49, "high": 169197.37, "open": 169173.9, "close": 169164.96, "volume": 18.4215}, {"ts": 1795947088, "low": 169162.3, "high": 169172.84, "open": 169164.96, "close": 169170.18, "volume": 12.8116}, {"ts": 1795947089, "low": 169133.61, "high": 169212.04, "open": 169170.18, "close": 169175.47, "volume": 7.0657}, {"ts": 1795947090, "low": 169142.46, "high": 169204.94, "open": 169175.47, "close": 169171.92, "volume": 20.1045}, {"ts": 1795947091, "low": 169158.76, "high": 169210.64, "open": 169171.92, "close": 169197.48, "volume": 37.32}, {"ts": 1795947092, "low": 169169.67, "high": 169204.02, "open": 169197.48, "close": 169176.21, "volume": 13.7194}, {"ts": 1795947093, "low": 169099.53, "high": 169253.98, "open": 169176.21, "close": 169177.3, "volume": 5.2074}, {"ts": 1795947094, "low": 169176.92, "high": 169192.37, "open": 169177.3, "close": 169191.99, "volume": 4.7394}, {"ts": 1795947095, "low": 169130.47, "high": 169243.07, "open": 169191.99, "close": 169181.53, "volume": 32.3729}]}	{"return": 0.0000302033483277454, "entry_price": 169186.54, "direction_up": true, "resolved_price": 169191.65}	2026-11-29 10:11:39+00	2026-11-29 10:11:36.446685+00	2026-11-29 10:11:39.033383+00	\N
btc-3s@20261129T101140Z	btc-3s	2026-11-29 10:11:40+00	RESOLVED	{"symbol": "BTC", "asof_ts": 1795947100, "candles_1m": [{"ts": 1795947071, "low": 169063.96, "high": 169121.4, "open": 169091.9, "close": 169093.45, "volume": 7.5867}, {"ts": 1795947072, "low": 169071.22, "high": 169163.11, "open": 169093.45, "close": 169140.88, "volume": 5.3946}, {"ts": 1795947073, "low": 169126.8, "high": 169144.45, "open": 169140.88, "close": 169130.37, "volume": 2.1027}, {"ts": 1795947074, "low": 169129.32, "high": 169132.41, "open": 169130.37, "close": 169131.36, "volume": 14.8358}, {"ts": 1795947075, "low": 169096.64, "high": 169168.23, "open": 169131.36, "close": 169133.51, "volume": 9.9502}, {"ts": 1795947076, "low": 169092.35, "high": 169179.88, "open": 169133.51, "close": 169138.72, "volume": 4.2931}, {"ts": 1795947077, "low": 169084.77, "high": 169204.64, "open": 169138.72, "close": 169150.68, "volume": 3.0176}, {"ts": 1795947078, "low": 169135.49, "high": 169166.49, "open": 169150.68, "close": 169151.3, "volume": 1.6859}, {"ts": 1795947079, "low": 169115.73, "high": 169166.09, "open": 169151.3, "close": 169130.52, "volume": 5.4887}, {"ts": 1795947080, "low": 169066.31, "high": 169190.62, "open": 169130.52, "close": 169126.41, "volume": 11.8083}, {"ts": 1795947081, "low": 169074.96, "high": 169187.51, "open": 169126.41, "close": 169136.06, "volume": 14.276}, {"ts": 1795947082, "low": 169117.7, "high": 169152.65, "open": 169136.06, "close": 169134.29, "volume": 4.0038}, {"ts": 1795947083, "low": 169109.21, "high": 169208.62, "open": 169134.29, "close": 169183.54, "volume": 11.465}, {"ts": 1795947084, "low": 169166.03, "high": 169188.92, "open": 169183.54, "close": 169171.42, "volume": 17.7059}, {"ts": 1795947085, "low": 169149.29, "high": 169187.11, "open": 169171.42, "close": 169164.99, "volume": 9.3926}, {"ts": 1795947086, "low": 169128.47, "high": 169210.41, "open": 169164.99, "close": 169173.9, "volume": 8.2597}, {"ts": 1795947087, "low": 169141.49, "high": 169197.37, "open": 169173.9, "close": 169164.96, "volume": 18.4215}, {"ts": 1795947088, "low": 169162.3, "high": 169172.84, "open": 169164.96, "close": 169170.18, "volume": 12.8116}, {"ts": 1795947089, "low": 169133.61, "high": 169212.04, "open": 169170.18, "close": 169175.47, "volume": 7.0657}, {"ts": 1795947090, "low": 169142.46, "high": 169204.94, "open": 169175.47, "close": 169171.92, "volume": 20.1045}, {"ts": 1795947091, "low": 169158.76, "high": 169210.64, "open": 169171.92, "close": 169197.48, "volume": 37.32}, {"ts": 1795947092, "low": 169169.67, "high": 169204.02, "open": 169197.48, "close": 169176.21, "volume": 13.7194}, {"ts": 1795947093, "low": 169099.53, "high": 169253.98, "open": 169176.21, "close": 169177.3, "volume": 5.2074}, {"ts": 1795947094, "low": 169176.92, "high": 169192.37, "open": 169177.3, "close": 169191.99, "volume": 4.7394}, {"ts": 1795947095, "low": 169130.47, "high": 169243.07, "open": 169191.99, "close": 169181.53, "volume": 32.3729}, {"ts": 1795947096, "low": 169178.08, "high": 169189.99, "open": 169181.53, "close": 169186.54, "volume": 5.4893}, {"ts": 1795947097, "low": 169175.98, "high": 169206.74, "open": 169186.54, "close": 169196.18, "volume": 4.7861}, {"ts": 1795947098, "low": 169188.05, "high": 169199.78, "open": 169196.18, "close": 169191.65, "volume": 12.5559}, {"ts": 1795947099, "low": 169161.45, "high": 169199.46, "open": 169191.65, "close": 169169.26, "volume": 6.5886}, {"ts": 1795947100, "low": 169093.89, "high": 169225.61, "open": 169169.26, "close": 169150.23, "volume": 3.8279}]}	{"return": -0.00023044603604742645, "entry_price": 169150.23, "direction_up": false, "resolved_price": 169111.25}	2026-11-29 10:11:43+00	2026-11-29 10:11:41.386445+00	2026-11-29 10:11:43.032554+00	\N
\.


--
-- Data for Name: leaderboards; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.leaderboards (id, built_at, entries, meta) FROM stdin;
release-crunch@20261129T101140Z	2026-11-29 10:11:40+00	[{"rank": 1, "scores": {"score_anchor": 0.00011786875613340832, "score_recent": 0.00011786875613340832, "score_steady": 0.00011786875613340832}, "model_id": "model-small-up", "model_name": "small-up", "cruncher_id": "cruncher-carol", "cruncher_name": "carol", "snapshot_count": 1}, {"rank": 2, "scores": {"score_anchor": 0.00011786875613340832, "score_recent": 0.00011786875613340832, "score_steady": 0.00011786875613340832}, "model_id": "model-up", "model_name": "up", "cruncher_id": "cruncher-alice", "cruncher_name": "alice", "snapshot_count": 1}, {"rank": 3, "scores": {"score_anchor": -0.00011786875613340832, "score_recent": -0.00011786875613340832, "score_steady": -0.00011786875613340832}, "model_id": "model-down", "model_name": "down", "cruncher_id": "cruncher-bob", "cruncher_name": "bob", "snapshot_count": 1}]	{"windows": {"score_anchor": 168, "score_recent": 24, "score_steady": 72}, "ranking_key": "score_recent", "score_field": "value", "ranking_direction": "desc"}
release-crunch@20261129T101144Z	2026-11-29 10:11:44+00	[{"rank": 1, "scores": {"score_anchor": 0.000056288639957009064, "score_recent": 0.000056288639957009064, "score_steady": 0.000056288639957009064}, "model_id": "model-down", "model_name": "down", "cruncher_id": "cruncher-bob", "cruncher_name": "bob", "snapshot_count": 2}, {"rank": 2, "scores": {"score_anchor": -0.000056288639957009064, "score_recent": -0.000056288639957009064, "score_steady": -0.000056288639957009064}, "model_id": "model-small-up", "model_name": "small-up", "cruncher_id": "cruncher-carol", "cruncher_name": "carol", "snapshot_count": 2}, {"rank": 3, "scores": {"score_anchor": -0.000056288639957009064, "score_recent": -0.000056288639957009064, "score_steady": -0.000056288639957009064}, "model_id": "model-up", "model_name": "up", "cruncher_id": "cruncher-alice", "cruncher_name": "alice", "snapshot_count": 2}]	{"windows": {"score_anchor": 168, "score_recent": 24, "score_steady": 72}, "ranking_key": "score_recent", "score_field": "value", "ranking_direction": "desc"}
\.


--
-- Data for Name: models; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.models (model_id, model_name, cruncher_id, cruncher_name, deployment_id, infos, first_seen_at, last_seen_at) FROM stdin;
model-up	up	cruncher-alice	alice	deployment-up	{}	2026-11-29 10:11:30.925315+00	2026-11-29 10:11:41.426228+00
model-down	down	cruncher-bob	bob	deployment-down	{}	2026-11-29 10:11:30.925315+00	2026-11-29 10:11:41.426228+00
model-small-up	small-up	cruncher-carol	carol	deployment-small-up	{}	2026-11-29 10:11:30.925315+00	2026-11-29 10:11:41.426228+00
model-raising	raising	cruncher-dave	dave	deployment-raising	{}	2026-11-29 10:11:30.925315+00	2026-11-29 10:11:41.426228+00
\.


--
-- Data for Name: prediction_configs; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.prediction_configs (id, scope_key, scope, interval_seconds, horizon_seconds, active, created_at, updated_at) FROM stdin;
\.


--
-- Data for Name: predictions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.predictions (id, input_id, config_id, model_id, slot, status, output, raw_output, failed_reason, exec_time_us, created_at, scored_at) FROM stdin;
btc-3s@20261129T101128Z#model-raising	btc-3s@20261129T101128Z	btc-3s	model-raising	2026-11-29 10:11:28+00	FAILED	null	null	model failed: RuntimeError: model exploded	3965	2026-11-29 10:11:30.949833+00	\N
btc-3s@20261129T101129Z#model-raising	btc-3s@20261129T101129Z	btc-3s	model-raising	2026-11-29 10:11:29+00	FAILED	null	null	model failed: RuntimeError: model exploded	4358	2026-11-29 10:11:30.955436+00	\N
btc-3s@20261129T101127Z#model-raising	btc-3s@20261129T101127Z	btc-3s	model-raising	2026-11-29 10:11:27+00	FAILED	null	null	model failed: RuntimeError: model exploded	2998	2026-11-29 10:11:30.956306+00	\N
eth-3s@20261129T101129Z#model-raising	eth-3s@20261129T101129Z	eth-3s	model-raising	2026-11-29 10:11:29+00	FAILED	null	null	model failed: RuntimeError: model exploded	5704	2026-11-29 10:11:30.962816+00	\N
btc-3s@20261129T101127Z#model-up	btc-3s@20261129T101127Z	btc-3s	model-up	2026-11-29 10:11:27+00	SCORED	{"value": 1.0}	{"value": 1.0}	\N	3021	2026-11-29 10:11:30.956218+00	2026-11-29 10:11:31.03058+00
btc-3s@20261129T101127Z#model-down	btc-3s@20261129T101127Z	btc-3s	model-down	2026-11-29 10:11:27+00	SCORED	{"value": -1.0}	{"value": -1.0}	\N	3014	2026-11-29 10:11:30.956272+00	2026-11-29 10:11:31.03058+00
btc-3s@20261129T101127Z#model-small-up	btc-3s@20261129T101127Z	btc-3s	model-small-up	2026-11-29 10:11:27+00	SCORED	{"value": 0.2}	{"value": 0.2}	\N	3004	2026-11-29 10:11:30.956301+00	2026-11-29 10:11:31.03058+00
btc-3s@20261129T101128Z#model-up	btc-3s@20261129T101128Z	btc-3s	model-up	2026-11-29 10:11:28+00	SCORED	{"value": 1.0}	{"value": 1.0}	\N	3984	2026-11-29 10:11:30.949679+00	2026-11-29 10:11:32.11041+00
btc-3s@20261129T101128Z#model-down	btc-3s@20261129T101128Z	btc-3s	model-down	2026-11-29 10:11:28+00	SCORED	{"value": -1.0}	{"value": -1.0}	\N	3971	2026-11-29 10:11:30.949764+00	2026-11-29 10:11:32.11041+00
btc-3s@20261129T101128Z#model-small-up	btc-3s@20261129T101128Z	btc-3s	model-small-up	2026-11-29 10:11:28+00	SCORED	{"value": 0.2}	{"value": 0.2}	\N	3964	2026-11-29 10:11:30.949824+00	2026-11-29 10:11:32.11041+00
btc-3s@20261129T101129Z#model-up	btc-3s@20261129T101129Z	btc-3s	model-up	2026-11-29 10:11:29+00	SCORED	{"value": 1.0}	{"value": 1.0}	\N	4420	2026-11-29 10:11:30.955308+00	2026-11-29 10:11:32.118678+00
btc-3s@20261129T101129Z#model-down	btc-3s@20261129T101129Z	btc-3s	model-down	2026-11-29 10:11:29+00	SCORED	{"value": -1.0}	{"value": -1.0}	\N	4373	2026-11-29 10:11:30.955353+00	2026-11-29 10:11:32.118678+00
btc-3s@20261129T101129Z#model-small-up	btc-3s@20261129T101129Z	btc-3s	model-small-up	2026-11-29 10:11:29+00	SCORED	{"value": 0.2}	{"value": 0.2}	\N	4362	2026-11-29 10:11:30.955426+00	2026-11-29 10:11:32.118678+00
eth-3s@20261129T101129Z#model-up	eth-3s@20261129T101129Z	eth-3s	model-up	2026-11-29 10:11:29+00	FAILED	{"value": 1.0}	{"value": 1.0}	ground truth never arrived by 2026-11-29T10:11:36+00:00: feed covers up to nothing, horizon is 2026-11-29T10:11:32+00:00	5731	2026-11-29 10:11:30.962726+00	\N
eth-3s@20261129T101129Z#model-down	eth-3s@20261129T101129Z	eth-3s	model-down	2026-11-29 10:11:29+00	FAILED	{"value": -1.0}	{"value": -1.0}	ground truth never arrived by 2026-11-29T10:11:36+00:00: feed covers up to nothing, horizon is 2026-11-29T10:11:32+00:00	5718	2026-11-29 10:11:30.962774+00	\N
eth-3s@20261129T101129Z#model-small-up	eth-3s@20261129T101129Z	eth-3s	model-small-up	2026-11-29 10:11:29+00	FAILED	{"value": 0.2}	{"value": 0.2}	ground truth never arrived by 2026-11-29T10:11:36+00:00: feed covers up to nothing, horizon is 2026-11-29T10:11:32+00:00	5709	2026-11-29 10:11:30.96281+00	\N
btc-3s-lost@20261129T101136Z#model-down	btc-3s-lost@20261129T101136Z	btc-3s-lost	model-down	2026-11-29 10:11:36+00	ABSENT	null	null	the round's model call was lost (ConnectionError: model orchestrator connection lost mid-call); not retried, so no model is ticked twice	\N	2026-11-29 10:11:36.503641+00	\N
btc-3s-lost@20261129T101136Z#model-raising	btc-3s-lost@20261129T101136Z	btc-3s-lost	model-raising	2026-11-29 10:11:36+00	ABSENT	null	null	the round's model call was lost (ConnectionError: model orchestrator connection lost mid-call); not retried, so no model is ticked twice	\N	2026-11-29 10:11:36.503651+00	\N
btc-3s-lost@20261129T101136Z#model-small-up	btc-3s-lost@20261129T101136Z	btc-3s-lost	model-small-up	2026-11-29 10:11:36+00	ABSENT	null	null	the round's model call was lost (ConnectionError: model orchestrator connection lost mid-call); not retried, so no model is ticked twice	\N	2026-11-29 10:11:36.503653+00	\N
btc-3s-lost@20261129T101136Z#model-up	btc-3s-lost@20261129T101136Z	btc-3s-lost	model-up	2026-11-29 10:11:36+00	ABSENT	null	null	the round's model call was lost (ConnectionError: model orchestrator connection lost mid-call); not retried, so no model is ticked twice	\N	2026-11-29 10:11:36.503656+00	\N
btc-3s@20261129T101140Z#model-raising	btc-3s@20261129T101140Z	btc-3s	model-raising	2026-11-29 10:11:40+00	FAILED	null	null	model failed: RuntimeError: model exploded	1868	2026-11-29 10:11:41.426124+00	\N
btc-3s@20261129T101140Z#model-up	btc-3s@20261129T101140Z	btc-3s	model-up	2026-11-29 10:11:40+00	SCORED	{"value": 1.0}	{"value": 1.0}	\N	2065	2026-11-29 10:11:41.426056+00	2026-11-29 10:11:43.058148+00
btc-3s@20261129T101140Z#model-down	btc-3s@20261129T101140Z	btc-3s	model-down	2026-11-29 10:11:40+00	SCORED	{"value": -1.0}	{"value": -1.0}	\N	2053	2026-11-29 10:11:41.426093+00	2026-11-29 10:11:43.058148+00
btc-3s@20261129T101140Z#model-small-up	btc-3s@20261129T101140Z	btc-3s	model-small-up	2026-11-29 10:11:40+00	SCORED	{"value": 0.2}	{"value": 0.2}	\N	1874	2026-11-29 10:11:41.426119+00	2026-11-29 10:11:43.058148+00
\.


--
-- Data for Name: scores; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.scores (prediction_id, model_id, value, success, failed_reason, result, scored_at) FROM stdin;
btc-3s@20261129T101127Z#model-up	model-up	6.212870561379446e-05	t	\N	{"value": 0.00006212870561379446, "success": true, "failed_reason": null}	2026-11-29 10:11:31.03058+00
btc-3s@20261129T101127Z#model-down	model-down	-6.212870561379446e-05	t	\N	{"value": -0.00006212870561379446, "success": true, "failed_reason": null}	2026-11-29 10:11:31.03058+00
btc-3s@20261129T101127Z#model-small-up	model-small-up	6.212870561379446e-05	t	\N	{"value": 0.00006212870561379446, "success": true, "failed_reason": null}	2026-11-29 10:11:31.03058+00
btc-3s@20261129T101128Z#model-up	model-up	0.00016137595881270247	t	\N	{"value": 0.00016137595881270247, "success": true, "failed_reason": null}	2026-11-29 10:11:32.11041+00
btc-3s@20261129T101128Z#model-down	model-down	-0.00016137595881270247	t	\N	{"value": -0.00016137595881270247, "success": true, "failed_reason": null}	2026-11-29 10:11:32.11041+00
btc-3s@20261129T101128Z#model-small-up	model-small-up	0.00016137595881270247	t	\N	{"value": 0.00016137595881270247, "success": true, "failed_reason": null}	2026-11-29 10:11:32.11041+00
btc-3s@20261129T101129Z#model-up	model-up	0.00013010160397372805	t	\N	{"value": 0.00013010160397372805, "success": true, "failed_reason": null}	2026-11-29 10:11:32.118678+00
btc-3s@20261129T101129Z#model-down	model-down	-0.00013010160397372805	t	\N	{"value": -0.00013010160397372805, "success": true, "failed_reason": null}	2026-11-29 10:11:32.118678+00
btc-3s@20261129T101129Z#model-small-up	model-small-up	0.00013010160397372805	t	\N	{"value": 0.00013010160397372805, "success": true, "failed_reason": null}	2026-11-29 10:11:32.118678+00
btc-3s@20261129T101140Z#model-up	model-up	-0.00023044603604742645	t	\N	{"value": -0.00023044603604742645, "success": true, "failed_reason": null}	2026-11-29 10:11:43.058148+00
btc-3s@20261129T101140Z#model-down	model-down	0.00023044603604742645	t	\N	{"value": 0.00023044603604742645, "success": true, "failed_reason": null}	2026-11-29 10:11:43.058148+00
btc-3s@20261129T101140Z#model-small-up	model-small-up	-0.00023044603604742645	t	\N	{"value": -0.00023044603604742645, "success": true, "failed_reason": null}	2026-11-29 10:11:43.058148+00
\.


--
-- Data for Name: snapshots; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.snapshots (id, model_id, period_start, period_end, prediction_count, summary, created_at) FROM stdin;
model-down@20261129T091140Z-20261129T101140Z	model-down	2026-11-29 09:11:40+00	2026-11-29 10:11:40+00	3	{"value": -0.00011786875613340832}	2026-11-29 10:11:39.124875+00
model-small-up@20261129T091140Z-20261129T101140Z	model-small-up	2026-11-29 09:11:40+00	2026-11-29 10:11:40+00	3	{"value": 0.00011786875613340832}	2026-11-29 10:11:39.124896+00
model-up@20261129T091140Z-20261129T101140Z	model-up	2026-11-29 09:11:40+00	2026-11-29 10:11:40+00	3	{"value": 0.00011786875613340832}	2026-11-29 10:11:39.124908+00
model-down@20261129T101139Z-20261129T101144Z	model-down	2026-11-29 10:11:39+00	2026-11-29 10:11:44+00	1	{"value": 0.00023044603604742645}	2026-11-29 10:11:43.11204+00
model-small-up@20261129T101139Z-20261129T101144Z	model-small-up	2026-11-29 10:11:39+00	2026-11-29 10:11:44+00	1	{"value": -0.00023044603604742645}	2026-11-29 10:11:43.112054+00
model-up@20261129T101139Z-20261129T101144Z	model-up	2026-11-29 10:11:39+00	2026-11-29 10:11:44+00	1	{"value": -0.00023044603604742645}	2026-11-29 10:11:43.112064+00
\.


--
-- Name: checkpoint_transitions_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.checkpoint_transitions_id_seq', 5, true);


--
-- Name: feed_records_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.feed_records_id_seq', 481, true);


--
-- Name: alembic_version alembic_version_pkc; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alembic_version
    ADD CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num);


--
-- Name: checkpoint_transitions checkpoint_transitions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.checkpoint_transitions
    ADD CONSTRAINT checkpoint_transitions_pkey PRIMARY KEY (id);


--
-- Name: checkpoints checkpoints_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.checkpoints
    ADD CONSTRAINT checkpoints_pkey PRIMARY KEY (id);


--
-- Name: feed_records feed_records_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feed_records
    ADD CONSTRAINT feed_records_pkey PRIMARY KEY (id);


--
-- Name: feed_watermarks feed_watermarks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feed_watermarks
    ADD CONSTRAINT feed_watermarks_pkey PRIMARY KEY (source, subject, kind, granularity);


--
-- Name: inputs inputs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inputs
    ADD CONSTRAINT inputs_pkey PRIMARY KEY (id);


--
-- Name: leaderboards leaderboards_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leaderboards
    ADD CONSTRAINT leaderboards_pkey PRIMARY KEY (id);


--
-- Name: models models_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.models
    ADD CONSTRAINT models_pkey PRIMARY KEY (model_id);


--
-- Name: prediction_configs prediction_configs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.prediction_configs
    ADD CONSTRAINT prediction_configs_pkey PRIMARY KEY (id);


--
-- Name: predictions predictions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.predictions
    ADD CONSTRAINT predictions_pkey PRIMARY KEY (id);


--
-- Name: scores scores_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scores
    ADD CONSTRAINT scores_pkey PRIMARY KEY (prediction_id);


--
-- Name: snapshots snapshots_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.snapshots
    ADD CONSTRAINT snapshots_pkey PRIMARY KEY (id);


--
-- Name: checkpoint_transitions uq_checkpoint_transitions; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.checkpoint_transitions
    ADD CONSTRAINT uq_checkpoint_transitions UNIQUE (checkpoint_id, to_status);


--
-- Name: checkpoints uq_checkpoints_period; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.checkpoints
    ADD CONSTRAINT uq_checkpoints_period UNIQUE (crunch_id, period_end);


--
-- Name: feed_records uq_feed_records_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feed_records
    ADD CONSTRAINT uq_feed_records_key UNIQUE (source, subject, kind, granularity, ts_event);


--
-- Name: inputs uq_inputs_config_slot; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inputs
    ADD CONSTRAINT uq_inputs_config_slot UNIQUE (config_id, slot);


--
-- Name: predictions uq_predictions_input_model; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.predictions
    ADD CONSTRAINT uq_predictions_input_model UNIQUE (input_id, model_id);


--
-- Name: snapshots uq_snapshots_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.snapshots
    ADD CONSTRAINT uq_snapshots_key UNIQUE (model_id, period_start, period_end);


--
-- Name: ix_checkpoint_transitions_checkpoint_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_checkpoint_transitions_checkpoint_id ON public.checkpoint_transitions USING btree (checkpoint_id);


--
-- Name: ix_checkpoints_status_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_checkpoints_status_created ON public.checkpoints USING btree (status, created_at);


--
-- Name: ix_feed_records_ingested_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_feed_records_ingested_at ON public.feed_records USING btree (ingested_at);


--
-- Name: ix_inputs_status_slot; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_inputs_status_slot ON public.inputs USING btree (status, slot);


--
-- Name: ix_leaderboards_built_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_leaderboards_built_at ON public.leaderboards USING btree (built_at);


--
-- Name: ix_prediction_configs_scope_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_prediction_configs_scope_key ON public.prediction_configs USING btree (scope_key);


--
-- Name: ix_predictions_model_slot; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_predictions_model_slot ON public.predictions USING btree (model_id, slot);


--
-- Name: ix_predictions_slot; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_predictions_slot ON public.predictions USING btree (slot);


--
-- Name: ix_predictions_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_predictions_status ON public.predictions USING btree (status);


--
-- Name: ix_scores_model_scored_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_scores_model_scored_at ON public.scores USING btree (model_id, scored_at);


--
-- Name: ix_snapshots_model_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_snapshots_model_id ON public.snapshots USING btree (model_id);


--
-- Name: ix_snapshots_period_end; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_snapshots_period_end ON public.snapshots USING btree (period_end);


--
-- Name: checkpoint_transitions checkpoint_transitions_checkpoint_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.checkpoint_transitions
    ADD CONSTRAINT checkpoint_transitions_checkpoint_id_fkey FOREIGN KEY (checkpoint_id) REFERENCES public.checkpoints(id);


--
-- Name: predictions predictions_input_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.predictions
    ADD CONSTRAINT predictions_input_id_fkey FOREIGN KEY (input_id) REFERENCES public.inputs(id);


--
-- Name: scores scores_prediction_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scores
    ADD CONSTRAINT scores_prediction_id_fkey FOREIGN KEY (prediction_id) REFERENCES public.predictions(id);


--
-- PostgreSQL database dump complete
--

\unrestrict 1oNBuvaA4V2Hyb1FzGd3Z0FknYQXstiV5DswkdWR0sfwAergbcGCIQHToswgFcY

