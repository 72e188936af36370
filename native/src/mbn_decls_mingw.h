// The project's own declarations of exactly the MBN COM types the addon uses, for toolchains that
// ship no mbnapi.h (mingw-w64). Transcribed from ../../shared/reference/mbn-api.md §2, §3 and §6.
// Names and layouts match the SDK header so the same sources compile against either; the vtable
// order is the one the reference checked against three independent sources. Never reorder.
#pragma once

#include <objbase.h>
#include <oaidl.h>

extern "C" {
extern const CLSID CLSID_MbnInterfaceManager;
extern const CLSID CLSID_MbnDeviceServicesManager;
extern const IID IID_IMbnInterfaceManager;
extern const IID IID_IMbnInterfaceManagerEvents;
extern const IID IID_IMbnInterfaceEvents;
extern const IID IID_IMbnInterface;
extern const IID IID_IMbnDeviceServicesManager;
extern const IID IID_IMbnDeviceServicesContext;
extern const IID IID_IMbnDeviceService;
extern const IID IID_IMbnDeviceServicesEvents;
}

// Types that only appear in slots the addon never calls; declared so the slots keep their place.
struct IMbnSubscriberInformation;
struct IMbnConnection;
struct MBN_PROVIDER;

typedef enum MBN_READY_STATE {
  MBN_READY_STATE_OFF = 0,
  MBN_READY_STATE_INITIALIZED = 1,
  MBN_READY_STATE_SIM_NOT_INSERTED = 2,
  MBN_READY_STATE_BAD_SIM = 3,
  MBN_READY_STATE_FAILURE = 4,
  MBN_READY_STATE_NOT_ACTIVATED = 5,
  MBN_READY_STATE_DEVICE_LOCKED = 6,
  MBN_READY_STATE_DEVICE_BLOCKED = 7,
  MBN_READY_STATE_NO_ESIM_PROFILE = 8,
} MBN_READY_STATE;

typedef enum MBN_CELLULAR_CLASS {
  MBN_CELLULAR_CLASS_NONE = 0,
  MBN_CELLULAR_CLASS_GSM = 1,
  MBN_CELLULAR_CLASS_CDMA = 2,
} MBN_CELLULAR_CLASS;

typedef enum MBN_VOICE_CLASS {
  MBN_VOICE_CLASS_NONE = 0,
  MBN_VOICE_CLASS_NO_VOICE = 1,
  MBN_VOICE_CLASS_SEPARATE_VOICE_DATA = 2,
  MBN_VOICE_CLASS_SIMULTANEOUS_VOICE_DATA = 3,
} MBN_VOICE_CLASS;

typedef enum MBN_DEVICE_SERVICES_INTERFACE_STATE {
  MBN_DEVICE_SERVICES_CAPABLE_INTERFACE_ARRIVAL = 0,
  MBN_DEVICE_SERVICES_CAPABLE_INTERFACE_REMOVAL = 1,
} MBN_DEVICE_SERVICES_INTERFACE_STATE;

// Field order is the ABI: every BSTR here is the caller's to free.
typedef struct MBN_INTERFACE_CAPS {
  MBN_CELLULAR_CLASS cellularClass;
  MBN_VOICE_CLASS voiceClass;
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
} MBN_INTERFACE_CAPS;

// VARIANT_BOOL (2 bytes), unlike the BOOL property getters of IMbnDeviceService.
typedef struct MBN_DEVICE_SERVICE {
  BSTR deviceServiceID;
  VARIANT_BOOL dataWriteSupported;
  VARIANT_BOOL dataReadSupported;
} MBN_DEVICE_SERVICE;

struct IMbnInterface : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE get_InterfaceID(BSTR* InterfaceID) = 0;                      // 3
  virtual HRESULT STDMETHODCALLTYPE GetInterfaceCapability(MBN_INTERFACE_CAPS* interfaceCaps) = 0; // 4
  virtual HRESULT STDMETHODCALLTYPE GetSubscriberInformation(IMbnSubscriberInformation** s) = 0;  // 5
  virtual HRESULT STDMETHODCALLTYPE GetReadyState(MBN_READY_STATE* readyState) = 0;              // 6
  virtual HRESULT STDMETHODCALLTYPE InEmergencyMode(VARIANT_BOOL* emergencyMode) = 0;            // 7
  virtual HRESULT STDMETHODCALLTYPE GetHomeProvider(MBN_PROVIDER* homeProvider) = 0;             // 8
  virtual HRESULT STDMETHODCALLTYPE GetPreferredProviders(SAFEARRAY** preferredProviders) = 0;   // 9
  virtual HRESULT STDMETHODCALLTYPE SetPreferredProviders(SAFEARRAY* preferredProviders,
                                                          ULONG* requestID) = 0;                 // 10
  virtual HRESULT STDMETHODCALLTYPE GetVisibleProviders(ULONG* age,
                                                        SAFEARRAY** visibleProviders) = 0;       // 11
  virtual HRESULT STDMETHODCALLTYPE ScanNetwork(ULONG* requestID) = 0;                           // 12
  virtual HRESULT STDMETHODCALLTYPE GetConnection(IMbnConnection** mbnConnection) = 0;           // 13
};

struct IMbnInterfaceManager : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE GetInterface(LPCWSTR interfaceID,
                                                 IMbnInterface** mbnInterface) = 0;  // 3
  virtual HRESULT STDMETHODCALLTYPE GetInterfaces(SAFEARRAY** mbnInterfaces) = 0;    // 4
};

struct IMbnInterfaceManagerEvents : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE OnInterfaceArrival(IMbnInterface* newInterface) = 0;  // 3
  virtual HRESULT STDMETHODCALLTYPE OnInterfaceRemoval(IMbnInterface* oldInterface) = 0;  // 4
};

// Slot order as in the SDK header's IMbnInterfaceEventsVtbl, which windows-rs and win32metadata
// projections repeat: the six "interface changed" callbacks, then the two completions. The two
// completions take (requestID, status): the older MBN order, opposite to the device-services sink.
struct IMbnInterfaceEvents : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE OnInterfaceCapabilityAvailable(IMbnInterface* newInterface) = 0;  // 3
  virtual HRESULT STDMETHODCALLTYPE OnSubscriberInformationChange(IMbnInterface* newInterface) = 0;   // 4
  virtual HRESULT STDMETHODCALLTYPE OnReadyStateChange(IMbnInterface* newInterface) = 0;              // 5
  virtual HRESULT STDMETHODCALLTYPE OnEmergencyModeChange(IMbnInterface* newInterface) = 0;           // 6
  virtual HRESULT STDMETHODCALLTYPE OnHomeProviderAvailable(IMbnInterface* newInterface) = 0;         // 7
  virtual HRESULT STDMETHODCALLTYPE OnPreferredProvidersChange(IMbnInterface* newInterface) = 0;      // 8
  virtual HRESULT STDMETHODCALLTYPE OnSetPreferredProvidersComplete(IMbnInterface* newInterface,
                                                                    ULONG requestID,
                                                                    HRESULT status) = 0;  // 9
  virtual HRESULT STDMETHODCALLTYPE OnScanNetworkComplete(IMbnInterface* newInterface,
                                                          ULONG requestID, HRESULT status) = 0;  // 10
};

struct IMbnDeviceService : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE QuerySupportedCommands(ULONG* requestID) = 0;  // 3
  virtual HRESULT STDMETHODCALLTYPE OpenCommandSession(ULONG* requestID) = 0;      // 4
  virtual HRESULT STDMETHODCALLTYPE CloseCommandSession(ULONG* requestID) = 0;     // 5
  virtual HRESULT STDMETHODCALLTYPE SetCommand(ULONG commandID, SAFEARRAY* deviceServiceData,
                                               ULONG* requestID) = 0;              // 6
  virtual HRESULT STDMETHODCALLTYPE QueryCommand(ULONG commandID, SAFEARRAY* deviceServiceData,
                                                 ULONG* requestID) = 0;            // 7
  virtual HRESULT STDMETHODCALLTYPE OpenDataSession(ULONG* requestID) = 0;         // 8
  virtual HRESULT STDMETHODCALLTYPE CloseDataSession(ULONG* requestID) = 0;        // 9
  virtual HRESULT STDMETHODCALLTYPE WriteData(SAFEARRAY* deviceServiceData,
                                              ULONG* requestID) = 0;               // 10
  virtual HRESULT STDMETHODCALLTYPE get_InterfaceID(BSTR* InterfaceID) = 0;        // 11
  virtual HRESULT STDMETHODCALLTYPE get_DeviceServiceID(BSTR* DeviceServiceID) = 0;  // 12
  virtual HRESULT STDMETHODCALLTYPE get_IsCommandSessionOpen(BOOL* value) = 0;     // 13
  virtual HRESULT STDMETHODCALLTYPE get_IsDataSessionOpen(BOOL* value) = 0;        // 14
};

struct IMbnDeviceServicesContext : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE EnumerateDeviceServices(SAFEARRAY** deviceServices) = 0;  // 3
  virtual HRESULT STDMETHODCALLTYPE GetDeviceService(BSTR deviceServiceID,
                                                     IMbnDeviceService** mbnDeviceService) = 0;  // 4
  virtual HRESULT STDMETHODCALLTYPE get_MaxCommandSize(ULONG* maxCommandSize) = 0;  // 5
  virtual HRESULT STDMETHODCALLTYPE get_MaxDataSize(ULONG* maxDataSize) = 0;        // 6
};

struct IMbnDeviceServicesManager : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE GetDeviceServicesContext(
      BSTR networkInterfaceID, IMbnDeviceServicesContext** mbnDevicesContext) = 0;  // 3
};

// Status comes before requestID in these callbacks: the opposite of the older MBN sinks.
struct IMbnDeviceServicesEvents : public IUnknown {
  virtual HRESULT STDMETHODCALLTYPE OnQuerySupportedCommandsComplete(
      IMbnDeviceService* deviceService, SAFEARRAY* commandIDList, HRESULT status,
      ULONG requestID) = 0;  // 3
  virtual HRESULT STDMETHODCALLTYPE OnOpenCommandSessionComplete(
      IMbnDeviceService* deviceService, HRESULT status, ULONG requestID) = 0;  // 4
  virtual HRESULT STDMETHODCALLTYPE OnCloseCommandSessionComplete(
      IMbnDeviceService* deviceService, HRESULT status, ULONG requestID) = 0;  // 5
  virtual HRESULT STDMETHODCALLTYPE OnSetCommandComplete(
      IMbnDeviceService* deviceService, ULONG responseID, SAFEARRAY* deviceServiceData,
      HRESULT status, ULONG requestID) = 0;  // 6
  virtual HRESULT STDMETHODCALLTYPE OnQueryCommandComplete(
      IMbnDeviceService* deviceService, ULONG responseID, SAFEARRAY* deviceServiceData,
      HRESULT status, ULONG requestID) = 0;  // 7
  virtual HRESULT STDMETHODCALLTYPE OnEventNotification(
      IMbnDeviceService* deviceService, ULONG eventID, SAFEARRAY* deviceServiceData) = 0;  // 8
  virtual HRESULT STDMETHODCALLTYPE OnOpenDataSessionComplete(
      IMbnDeviceService* deviceService, HRESULT status, ULONG requestID) = 0;  // 9
  virtual HRESULT STDMETHODCALLTYPE OnCloseDataSessionComplete(
      IMbnDeviceService* deviceService, HRESULT status, ULONG requestID) = 0;  // 10
  virtual HRESULT STDMETHODCALLTYPE OnWriteDataComplete(
      IMbnDeviceService* deviceService, HRESULT status, ULONG requestID) = 0;  // 11
  virtual HRESULT STDMETHODCALLTYPE OnReadData(IMbnDeviceService* deviceService,
                                               SAFEARRAY* deviceServiceData) = 0;  // 12
  virtual HRESULT STDMETHODCALLTYPE OnInterfaceStateChange(
      BSTR interfaceID, MBN_DEVICE_SERVICES_INTERFACE_STATE stateChange) = 0;  // 13
};
