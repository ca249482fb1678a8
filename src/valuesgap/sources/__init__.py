"""One module per upstream dataset: where it lives upstream, how to read it, how to normalise it."""
