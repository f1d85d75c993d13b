"""Command-line tools for reviewers and maintainers (not used by the site build)."""
