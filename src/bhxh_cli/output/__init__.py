"""What the user sees and keeps: terminal tables, csv/json/markdown, workbooks, and atomic file writes."""
