curscan -m testdata/cur/manifest-missing.json -r testdata/cur/bucket
