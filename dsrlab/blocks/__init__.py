"""Building blocks every topic composes: countries, table cells, figures and maps."""
