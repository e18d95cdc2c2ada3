"""The events importer and exporter (filled in below)."""
