"""The spaCy pipeline and its rule components."""
