// In-process COM server entry points. The test registers this DLL under the real
// CLSID_MbnInterfaceManager and CLSID_MbnDeviceServicesManager in a private Wine prefix, so the
// addon's production CoCreateInstance path loads it unchanged.
#include <windows.h>

#include <string>

#include "objects.h"
#include "world.h"

namespace fake {
namespace {

HMODULE g_module = nullptr;

// Class factories are static and not counted as live objects: they are not what a client leaks.
struct Factory {
  void* const* vtbl;
  HRESULT (*create)(REFIID, void**);
};

HRESULT STDMETHODCALLTYPE F_QueryInterface(Factory* self, REFIID riid, void** out) {
  if (!out) return E_POINTER;
  if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IClassFactory)) {
    *out = self;
    return S_OK;
  }
  *out = nullptr;
  return E_NOINTERFACE;
}
ULONG STDMETHODCALLTYPE F_AddRef(Factory*) { return 2; }
ULONG STDMETHODCALLTYPE F_Release(Factory*) { return 1; }
HRESULT STDMETHODCALLTYPE F_CreateInstance(Factory* self, IUnknown* outer, REFIID riid,
                                           void** out) {
  if (!out) return E_POINTER;
  *out = nullptr;
  if (outer) return CLASS_E_NOAGGREGATION;
  // While the service is away (the disconnect switch), it cannot be reached at all.
  if (World::Get().Down()) {
    World::Get().counters.createRefused.fetch_add(1);
    return static_cast<HRESULT>(World::Get().config().switches.createHresult);
  }
  return self->create(riid, out);
}
HRESULT STDMETHODCALLTYPE F_LockServer(Factory*, BOOL) { return S_OK; }

void* const kFactoryVtbl[] = {
    reinterpret_cast<void*>(F_QueryInterface), reinterpret_cast<void*>(F_AddRef),
    reinterpret_cast<void*>(F_Release), reinterpret_cast<void*>(F_CreateInstance),
    reinterpret_cast<void*>(F_LockServer)};

Factory g_interfaceManagerFactory{kFactoryVtbl, CreateInterfaceManager};
Factory g_deviceServicesManagerFactory{kFactoryVtbl, CreateDeviceServicesManager};

const wchar_t* const kClsidStrings[] = {L"{BDFEE05B-4418-11DD-90ED-001C257CCFF1}",
                                        L"{2269DAA3-2A9F-4165-A501-CE00A6F7A75B}"};

}  // namespace
}  // namespace fake

using namespace fake;

extern "C" HRESULT STDAPICALLTYPE DllGetClassObject(REFCLSID clsid, REFIID riid, void** out) {
  if (!out) return E_POINTER;
  *out = nullptr;
  Factory* factory = IsEqualCLSID(clsid, kClsidInterfaceManager) ? &g_interfaceManagerFactory
                     : IsEqualCLSID(clsid, kClsidDeviceServicesManager)
                         ? &g_deviceServicesManagerFactory
                         : nullptr;
  if (!factory) return CLASS_E_CLASSNOTAVAILABLE;
  // Pinned: the timer thread must never outlive the code it runs (COM may try to unload us).
  HMODULE self = nullptr;
  GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                     reinterpret_cast<LPCWSTR>(&DllGetClassObject), &self);
  World::Get();  // loads the scenario and starts its timeline now, as the simulator's constructor
  return F_QueryInterface(factory, riid, out);
}

extern "C" HRESULT STDAPICALLTYPE DllCanUnloadNow() { return S_FALSE; }

extern "C" HRESULT STDAPICALLTYPE DllRegisterServer() {
  wchar_t path[MAX_PATH];
  DWORD n = GetModuleFileNameW(g_module, path, MAX_PATH);
  if (n == 0 || n >= MAX_PATH) return E_FAIL;
  for (const wchar_t* clsid : kClsidStrings) {
    std::wstring key = std::wstring(L"CLSID\\") + clsid + L"\\InprocServer32";
    HKEY h = nullptr;
    if (RegCreateKeyExW(HKEY_CLASSES_ROOT, key.c_str(), 0, nullptr, 0, KEY_WRITE, nullptr, &h,
                        nullptr) != ERROR_SUCCESS) {
      return SELFREG_E_CLASS;
    }
    static const wchar_t kBoth[] = L"Both";
    RegSetValueExW(h, nullptr, 0, REG_SZ, reinterpret_cast<const BYTE*>(path),
                   (n + 1) * sizeof(wchar_t));
    RegSetValueExW(h, L"ThreadingModel", 0, REG_SZ, reinterpret_cast<const BYTE*>(kBoth),
                   sizeof kBoth);
    RegCloseKey(h);
  }
  return S_OK;
}

extern "C" HRESULT STDAPICALLTYPE DllUnregisterServer() {
  for (const wchar_t* clsid : kClsidStrings) {
    std::wstring key = std::wstring(L"CLSID\\") + clsid;
    RegDeleteTreeW(HKEY_CLASSES_ROOT, key.c_str());
  }
  return S_OK;
}

BOOL WINAPI DllMain(HINSTANCE module, DWORD reason, LPVOID) {
  if (reason == DLL_PROCESS_ATTACH) {
    g_module = module;
    DisableThreadLibraryCalls(module);
  } else if (reason == DLL_PROCESS_DETACH) {
    // The final word for leak checks: live COM objects as the process ends.
    World::Get().WriteStats();
  }
  return TRUE;
}
