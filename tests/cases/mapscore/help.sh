mapscore --help
