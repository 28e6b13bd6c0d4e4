#include <cstdio>

int main() { std::puts("entente"); return 0; }
