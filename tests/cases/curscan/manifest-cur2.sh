curscan --manifest testdata/cur/manifest-cur2.json --root testdata/cur/bucket | cut -f 1,3,7,8,9,13
