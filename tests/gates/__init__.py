"""The quality gates that walk every route (permission matrix, accessibility, API fuzzing, security headers) and
the tests' own rule for dates."""
