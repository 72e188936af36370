// Every sink method returns S_OK, as the reference requires, whatever went wrong inside: an
// error here is ours to report, not the MBN service's to act on.
#include "sinks.h"

#include "com_util.h"

namespace mbn {

std::atomic<long> g_liveSinks{0};

// ---- DeviceServicesSink ----

DeviceServicesSink::DeviceServicesSink(std::shared_ptr<Emitter> emitter)
    : emitter_(std::move(emitter)) {
  g_liveSinks.fetch_add(1);
}

DeviceServicesSink::~DeviceServicesSink() { g_liveSinks.fetch_sub(1); }

HRESULT DeviceServicesSink::QueryInterface(REFIID riid, void** out) {
  if (!out) return E_POINTER;
  if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IMbnDeviceServicesEvents)) {
    *out = static_cast<IMbnDeviceServicesEvents*>(this);
    AddRef();
    return S_OK;
  }
  *out = nullptr;
  return E_NOINTERFACE;
}

ULONG DeviceServicesSink::AddRef() { return refs_.fetch_add(1) + 1; }

ULONG DeviceServicesSink::Release() {
  ULONG left = refs_.fetch_sub(1) - 1;
  if (left == 0) delete this;
  return left;
}

// The completion names the service only by object; its IDs are read now, while the object is
// guaranteed alive (it is an [in] parameter: borrowed, not released here).
static void ServiceIds(IMbnDeviceService* service, std::u16string* iface, std::u16string* svc) {
  if (!service) return;
  Bstr a, b;
  if (SUCCEEDED(service->get_InterfaceID(a.Put()))) *iface = a.Str();
  if (SUCCEEDED(service->get_DeviceServiceID(b.Put()))) *svc = b.Str();
}

void DeviceServicesSink::Completion(Op op, IMbnDeviceService* service, HRESULT status,
                                    ULONG requestID) {
  try {
    CompletionEvent e{op, {}, {}, static_cast<uint32_t>(status), requestID};
    ServiceIds(service, &e.interfaceId, &e.serviceId);
    emitter_->PostEvent(std::move(e));
  } catch (...) {
    // Out of memory: the event is lost; throwing into the MBN service would be worse.
  }
}

HRESULT DeviceServicesSink::OnOpenDataSessionComplete(IMbnDeviceService* service, HRESULT status,
                                                      ULONG requestID) {
  Completion(Op::kOpen, service, status, requestID);
  return S_OK;
}

HRESULT DeviceServicesSink::OnCloseDataSessionComplete(IMbnDeviceService* service, HRESULT status,
                                                       ULONG requestID) {
  Completion(Op::kClose, service, status, requestID);
  return S_OK;
}

HRESULT DeviceServicesSink::OnWriteDataComplete(IMbnDeviceService* service, HRESULT status,
                                                ULONG requestID) {
  Completion(Op::kWrite, service, status, requestID);
  return S_OK;
}

HRESULT DeviceServicesSink::OnReadData(IMbnDeviceService* service, SAFEARRAY* data) {
  try {
    ReadDataEvent e;
    // Copied before returning: the MBN service frees the array as soon as this returns.
    if (FAILED(CopyBytes(data, &e.data))) e.data.clear();
    ServiceIds(service, &e.interfaceId, &e.serviceId);
    emitter_->PostEvent(std::move(e));
  } catch (...) {
  }
  return S_OK;
}

HRESULT DeviceServicesSink::OnInterfaceStateChange(BSTR interfaceID,
                                                   MBN_DEVICE_SERVICES_INTERFACE_STATE state) {
  try {
    emitter_->PostEvent(InterfaceEvent{state == MBN_DEVICE_SERVICES_CAPABLE_INTERFACE_ARRIVAL,
                                       Bstr::ToU16(interfaceID), "device-services"});
  } catch (...) {
  }
  return S_OK;
}

// The command-session path is outside this tool's scope; acknowledged and ignored.
HRESULT DeviceServicesSink::OnQuerySupportedCommandsComplete(IMbnDeviceService*, SAFEARRAY*,
                                                             HRESULT, ULONG) {
  return S_OK;
}
HRESULT DeviceServicesSink::OnOpenCommandSessionComplete(IMbnDeviceService*, HRESULT, ULONG) {
  return S_OK;
}
HRESULT DeviceServicesSink::OnCloseCommandSessionComplete(IMbnDeviceService*, HRESULT, ULONG) {
  return S_OK;
}
HRESULT DeviceServicesSink::OnSetCommandComplete(IMbnDeviceService*, ULONG, SAFEARRAY*, HRESULT,
                                                 ULONG) {
  return S_OK;
}
HRESULT DeviceServicesSink::OnQueryCommandComplete(IMbnDeviceService*, ULONG, SAFEARRAY*, HRESULT,
                                                   ULONG) {
  return S_OK;
}
HRESULT DeviceServicesSink::OnEventNotification(IMbnDeviceService*, ULONG, SAFEARRAY*) {
  return S_OK;
}

// ---- InterfaceManagerSink ----

InterfaceManagerSink::InterfaceManagerSink(std::shared_ptr<Emitter> emitter)
    : emitter_(std::move(emitter)) {
  g_liveSinks.fetch_add(1);
}

InterfaceManagerSink::~InterfaceManagerSink() { g_liveSinks.fetch_sub(1); }

HRESULT InterfaceManagerSink::QueryInterface(REFIID riid, void** out) {
  if (!out) return E_POINTER;
  if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IMbnInterfaceManagerEvents)) {
    *out = static_cast<IMbnInterfaceManagerEvents*>(this);
    AddRef();
    return S_OK;
  }
  *out = nullptr;
  return E_NOINTERFACE;
}

ULONG InterfaceManagerSink::AddRef() { return refs_.fetch_add(1) + 1; }

ULONG InterfaceManagerSink::Release() {
  ULONG left = refs_.fetch_sub(1) - 1;
  if (left == 0) delete this;
  return left;
}

void InterfaceManagerSink::Post(bool arrival, IMbnInterface* iface) {
  try {
    InterfaceEvent e{arrival, {}, "interface-manager"};
    Bstr id;
    if (iface && SUCCEEDED(iface->get_InterfaceID(id.Put()))) e.interfaceId = id.Str();
    emitter_->PostEvent(std::move(e));
  } catch (...) {
  }
}

HRESULT InterfaceManagerSink::OnInterfaceArrival(IMbnInterface* newInterface) {
  Post(true, newInterface);
  return S_OK;
}

HRESULT InterfaceManagerSink::OnInterfaceRemoval(IMbnInterface* oldInterface) {
  Post(false, oldInterface);
  return S_OK;
}

}  // namespace mbn
