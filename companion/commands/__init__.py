"""Subcommands of the brightline CLI, one module each."""
