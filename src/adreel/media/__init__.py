"""Media kit: values in, values out. Never imports the engine, the database or the queue."""
