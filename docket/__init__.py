"""docket: sourced records of human-rights reporting."""
