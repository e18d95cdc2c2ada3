"""The library's sections on other areas' pages (an award edition's application guide)."""
