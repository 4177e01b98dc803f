"""Data only: the trigger rules, grammar words, deadline idioms and the party gazetteer (YAML)."""
