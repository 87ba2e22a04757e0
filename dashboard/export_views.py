"""Downloads of the application list for managers, as CSV or Excel."""
