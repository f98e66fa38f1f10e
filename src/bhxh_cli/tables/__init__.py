"""Reading tables of communes and reports (CSV, .xlsx) as offices type them, with every place named."""
