"""The package `kg.ontology` in an installed kg: this folder, mapped by pyproject.toml.

The Turtle files beside this one are the published ontology and its only copy;
being a package lets `kg.rdf.validate` read them with importlib.resources from a
wheel as from a checkout (an editable install finds a package by its __init__).
"""
