// zlib for request bodies sent with Content-Encoding: gzip or deflate (Debian: zlib1g-dev).
#include <zlib.h>
