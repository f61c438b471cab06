module github.com/rspengine/rspengine/scp03t/_asm

go 1.26.0
