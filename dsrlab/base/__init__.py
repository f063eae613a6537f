"""The base layer: errors, paths, atomic files, languages and the course table of contents."""
