"""The generated sheets: Schedules, Checks, Settings, highlights, and the formula text they hold."""
