"""Views of grants and stipends, one module per part of the cycle."""
