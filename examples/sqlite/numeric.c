/*
 * haversine_km(lat1 real, lon1 real, lat2 real, lon2 real) RETURNS real: great-circle distance in kilometres.
 * collatz_steps(n integer) RETURNS integer: steps of the Collatz map from n down to 1 (NULL-free: n < 1 gives 0).
 */
#include "kiln_sqlite.h"

#include <math.h>

KILN_EXPORT("haversine_km")
double haversine_km(double lat1, double lon1, double lat2, double lon2) {
    const double r = 6371.0088, rad = 3.14159265358979323846 / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double h = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * r * asin(sqrt(h));
}

KILN_EXPORT("collatz_steps")
int64_t collatz_steps(int64_t n) {
    int64_t steps = 0;
    if (n < 1) return 0;
    while (n != 1) {
        n = (n & 1) ? 3 * n + 1 : n / 2;
        steps++;
    }
    return steps;
}
