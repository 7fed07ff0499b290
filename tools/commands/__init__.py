"""Subcommands of `omt`, one module per concept; each module exposes `register(subparsers)`."""
