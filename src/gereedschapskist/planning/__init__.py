"""Planning the conversations: planning.yaml, the families' replies, the CP-SAT solver and its output.

Only `model` is light; `solve` imports OR-Tools, so `kmg check` and `kmg build` must never import it.
"""
