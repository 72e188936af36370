// One include for the MBN COM declarations: the SDK's mbnapi.h where it exists (MSVC), else the
// project's own declarations (mingw-w64 ships none). Both spell the types and IIDs the same way.
#pragma once

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#include <ocidl.h>
#include <oleauto.h>

#if defined(_MSC_VER) && __has_include(<mbnapi.h>)
#define MBN_DIAG_HAVE_SDK_MBNAPI 1
#include <mbnapi.h>  // GUID symbols come from mbnapi_uuid.lib (see binding.gyp).
#else
#define MBN_DIAG_HAVE_SDK_MBNAPI 0
#include "mbn_decls_mingw.h"
#endif
