"""Views of development programmes, one module per part of the flow."""
