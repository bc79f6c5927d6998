/* Wine 8 (Debian 12's) lacks bcryptprimitives.dll, which Rust's standard library (1.78 and
 * later) imports for ProcessPrng. Real Windows 10 and later, and Wine 9 and later, have it. This
 * stand-in forwards ProcessPrng to RtlGenRandom (advapi32's SystemFunction036), the system's own
 * random source, and is only ever put into the test leg's throwaway Wine prefix. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
