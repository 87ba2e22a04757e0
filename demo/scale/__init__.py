"""The national-scale synthetic data set of `load_scale_data`: planned in memory, then written in batches."""
