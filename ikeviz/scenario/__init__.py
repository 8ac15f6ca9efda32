"""What a user edits, saves and shares: gateways, proposals, profiles, the TOML file."""
