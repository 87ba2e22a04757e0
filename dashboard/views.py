"""The managers' dashboard: the centre's figures, each linked to the admin list it counts."""
