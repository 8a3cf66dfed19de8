"""Staff back-office screens inside the Wagtail admin, one module per area."""
