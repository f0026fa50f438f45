"""Source cards: one reviewed YAML file per source, compiled into its own named graph."""
