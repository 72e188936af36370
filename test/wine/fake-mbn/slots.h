// The fake's view of the MBN ABI, transcribed a second time and on purpose NOT from the addon's
// declarations: vtables here are plain arrays of function pointers in slot order, and calls into
// the client's sinks go by slot number. If the addon's C++ declarations had a method in the
// wrong slot, the two would disagree and the end-to-end tests would fail, instead of both sides
// sharing one mistake. Slot numbers: ../../../../shared/reference/mbn-api.md §3.
#pragma once

#include <windows.h>
#include <oleauto.h>
#include <ocidl.h>
#include <olectl.h>

#include <cstdint>

namespace fake {

// Every COM pointer the fake hands out points at a View: the vtable first, as COM requires.
struct Object;
struct View {
  void* const* vtbl;
  Object* owner;
};

// IID and CLSID values (reference §2).
constexpr GUID kClsidInterfaceManager = {
    0xBDFEE05B, 0x4418, 0x11DD, {0x90, 0xED, 0x00, 0x1C, 0x25, 0x7C, 0xCF, 0xF1}};
constexpr GUID kClsidDeviceServicesManager = {
    0x2269DAA3, 0x2A9F, 0x4165, {0xA5, 0x01, 0xCE, 0x00, 0xA6, 0xF7, 0xA7, 0x5B}};
constexpr GUID kIidInterfaceManager = {
    0xDCBBBAB6, 0x201B, 0x4BBB, {0xAA, 0xEE, 0x33, 0x8E, 0x36, 0x8A, 0xF6, 0xFA}};
constexpr GUID kIidInterfaceManagerEvents = {
    0xDCBBBAB6, 0x201C, 0x4BBB, {0xAA, 0xEE, 0x33, 0x8E, 0x36, 0x8A, 0xF6, 0xFA}};
constexpr GUID kIidInterface = {
    0xDCBBBAB6, 0x2001, 0x4BBB, {0xAA, 0xEE, 0x33, 0x8E, 0x36, 0x8A, 0xF6, 0xFA}};
constexpr GUID kIidDeviceServicesManager = {
    0x20A26258, 0x6811, 0x4478, {0xAC, 0x1D, 0x13, 0x32, 0x4E, 0x45, 0xE4, 0x1C}};
constexpr GUID kIidDeviceServicesContext = {
    0xFC5AC347, 0x1592, 0x4068, {0x80, 0xBB, 0x6A, 0x57, 0x58, 0x01, 0x50, 0xD8}};
constexpr GUID kIidDeviceService = {
    0xB3BB9A71, 0xDC70, 0x4BE9, {0xA4, 0xDA, 0x78, 0x86, 0xAE, 0x8B, 0x19, 0x1B}};
constexpr GUID kIidDeviceServicesEvents = {
    0x0A900C19, 0x6824, 0x4E97, {0xB7, 0x6E, 0xCF, 0x23, 0x9D, 0x0C, 0xA6, 0x42}};
constexpr GUID kIidInterfaceEvents = {
    0xDCBBBAB6, 0x2002, 0x4BBB, {0xAA, 0xEE, 0x33, 0x8E, 0x36, 0x8A, 0xF6, 0xFA}};
// MBN_DEVICE_SERVICE's type GUID, for the VT_RECORD form of EnumerateDeviceServices (§2).
constexpr GUID kDeviceServiceRecordGuid = {
    0x60436154, 0x3466, 0x48A4, {0x82, 0xE2, 0x9A, 0x46, 0x15, 0x27, 0xA8, 0xC5}};

// HRESULTs of a service that has gone away.
constexpr HRESULT kRpcEDisconnected = static_cast<HRESULT>(0x80010108);
constexpr HRESULT kRpcServerUnavailable = static_cast<HRESULT>(0x800706BA);

// Slots of the client-implemented sinks that the fake calls (reference §3.2, §3.7).
namespace slot {
constexpr int kOnInterfaceArrival = 3;
constexpr int kOnInterfaceRemoval = 4;
constexpr int kOnOpenDataSessionComplete = 9;
constexpr int kOnCloseDataSessionComplete = 10;
constexpr int kOnWriteDataComplete = 11;
constexpr int kOnReadData = 12;
constexpr int kOnInterfaceStateChange = 13;
// IMbnInterfaceEvents: slot order of the SDK header's IMbnInterfaceEventsVtbl (windows-rs and
// win32metadata agree): 3 OnInterfaceCapabilityAvailable, 4 OnSubscriberInformationChange,
// 5 OnReadyStateChange, 6 OnEmergencyModeChange, 7 OnHomeProviderAvailable,
// 8 OnPreferredProvidersChange, 9 OnSetPreferredProvidersComplete, 10 OnScanNetworkComplete.
constexpr int kOnInterfaceCapabilityAvailable = 3;
constexpr int kOnReadyStateChange = 5;
}  // namespace slot

// The structs the fake fills for the client (reference §6.1, §6.2).
struct DeviceServiceRecord {  // MBN_DEVICE_SERVICE
  BSTR deviceServiceID;
  VARIANT_BOOL dataWriteSupported;
  VARIANT_BOOL dataReadSupported;
};

struct InterfaceCapsRecord {  // MBN_INTERFACE_CAPS
  int32_t cellularClass;
  int32_t voiceClass;
  ULONG dataClass;
  BSTR customDataClass;
  ULONG gsmBandClass;
  ULONG cdmaBandClass;
  BSTR customBandClass;
  ULONG smsCaps;
  ULONG controlCaps;
  BSTR deviceID;
  BSTR manufacturer;
  BSTR model;
  BSTR firmwareInfo;
};

// Calls slot `n` of a client COM pointer.
template <typename... Args>
inline HRESULT CallSlot(void* com, int n, Args... args) {
  using Fn = HRESULT(STDMETHODCALLTYPE*)(void*, Args...);
  void* const* vtbl = *static_cast<void* const* const*>(com);
  return reinterpret_cast<Fn>(vtbl[n])(com, args...);
}

inline ULONG ComRelease(void* com) {
  using Fn = ULONG(STDMETHODCALLTYPE*)(void*);
  return reinterpret_cast<Fn>((*static_cast<void* const* const*>(com))[2])(com);
}
inline ULONG ComAddRef(void* com) {
  using Fn = ULONG(STDMETHODCALLTYPE*)(void*);
  return reinterpret_cast<Fn>((*static_cast<void* const* const*>(com))[1])(com);
}

}  // namespace fake
