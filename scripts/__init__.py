"""Project tooling; modules here also serve as small command-line programs."""
