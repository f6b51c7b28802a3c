"""The engine: accounts and keys, jobs, their state machine, credits and webhooks."""
