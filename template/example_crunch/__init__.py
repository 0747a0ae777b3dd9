"""example_crunch: the competition package (contract, tracker base class, example models)."""
