"""The agenda: YAML loading with positions, the pydantic model, and its JSON Schema."""
