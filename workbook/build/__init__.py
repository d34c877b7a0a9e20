"""Build scripts for the committed files (template, add-in, pictures); never imported at run time."""
