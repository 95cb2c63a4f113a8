curscan -m testdata/cur/manifest-legacy.json -r testdata/cur/bucket/ | cut -f 1,3,7,8,9,13,14
