curscan -m testdata/cur/manifest-bad.json
