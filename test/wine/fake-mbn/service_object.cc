// IMbnDeviceService (reference §3.6): the data half, the command half and the four properties,
// in vtable order. Every call goes to the World, which answers as the scenario says.
#include <map>
#include <mutex>
#include <tuple>

#include "object_base.h"

namespace fake {

struct ServiceObj : Object {
  ServiceObj(size_t d, size_t s, uint64_t g);
  ~ServiceObj() override = default;
  View* Find(REFIID iid) override {
    return IsEqualIID(iid, IID_IUnknown) || IsEqualIID(iid, kIidDeviceService) ? &view : nullptr;
  }
  size_t device, service;
  uint64_t generation;
  uint64_t serial;
  View view;
};

static std::atomic<uint64_t> g_nextSerial{1};

uint64_t ServiceObjectSerial(View* serviceView) {
  return serviceView ? static_cast<ServiceObj*>(serviceView->owner)->serial : 0;
}

static ServiceObj* AsService(View* v) { return static_cast<ServiceObj*>(v->owner); }
static const ServiceSpec& SvcSpec(ServiceObj* s) {
  return Spec(s->device).services[s->service];
}

static HRESULT SessionCall(View* self, Op op, ULONG* requestId, uint32_t commandId = 0) {
  if (!requestId) return E_POINTER;
  *requestId = 0;
  GONE_CHECK(self);
  ServiceObj* s = AsService(self);
  return World::Get().Call(op, self, s->device, s->service, s->generation, commandId, requestId);
}

// A byte array as the IDL's SAFEARRAY(BYTE): 1-D, 1-byte elements, and typed VT_UI1 when it says
// its type at all. Its bounds are read, never assumed. The array stays the caller's.
static HRESULT ReadBytes(SAFEARRAY* data, ULONG* count, uint32_t* sum) {
  *count = 0;
  *sum = 0;
  if (SafeArrayGetDim(data) != 1 || SafeArrayGetElemsize(data) != 1) return E_INVALIDARG;
  VARTYPE vt = VT_EMPTY;
  if (SUCCEEDED(SafeArrayGetVartype(data, &vt)) && vt != VT_UI1 && vt != VT_I1) {
    return E_INVALIDARG;
  }
  LONG lo = 0, hi = -1;
  SafeArrayGetLBound(data, 1, &lo);
  SafeArrayGetUBound(data, 1, &hi);
  *count = hi >= lo ? static_cast<ULONG>(hi - lo + 1) : 0;
  unsigned char* bytes = nullptr;
  if (*count && SUCCEEDED(SafeArrayAccessData(data, reinterpret_cast<void**>(&bytes)))) {
    for (ULONG i = 0; i < *count; ++i) *sum += bytes[i];
    SafeArrayUnaccessData(data);
  }
  return S_OK;
}

static HRESULT STDMETHODCALLTYPE Svc_OpenDataSession(View* self, ULONG* requestId) {
  return SessionCall(self, Op::kOpen, requestId);
}
static HRESULT STDMETHODCALLTYPE Svc_CloseDataSession(View* self, ULONG* requestId) {
  return SessionCall(self, Op::kClose, requestId);
}
static HRESULT STDMETHODCALLTYPE Svc_WriteData(View* self, SAFEARRAY* data, ULONG* requestId) {
  if (!data || !requestId) return E_POINTER;
  World::Get().WriteStarts();
  GONE_CHECK(self);
  ULONG count = 0;
  uint32_t sum = 0;
  if (FAILED(ReadBytes(data, &count, &sum))) return E_INVALIDARG;
  if (count > kMaxDataSize) return HRESULT_FROM_WIN32(ERROR_BUFFER_OVERFLOW);
  HRESULT hr = SessionCall(self, Op::kWrite, requestId);
  if (SUCCEEDED(hr)) {
    World::Get().counters.writeBytes.fetch_add(count);
    World::Get().counters.writeChecksum.fetch_add(sum);
  }
  return hr;
}

static HRESULT STDMETHODCALLTYPE Svc_QuerySupportedCommands(View* self, ULONG* requestId) {
  return SessionCall(self, Op::kSupportedCommands, requestId);
}
static HRESULT STDMETHODCALLTYPE Svc_OpenCommandSession(View* self, ULONG* requestId) {
  return SessionCall(self, Op::kOpenCommandSession, requestId);
}
static HRESULT STDMETHODCALLTYPE Svc_CloseCommandSession(View* self, ULONG* requestId) {
  return SessionCall(self, Op::kCloseCommandSession, requestId);
}

// QUERY and SET: more than MaxCommandSize bytes is ERROR_BUFFER_OVERFLOW, as WriteData's limit
// is documented (the reference's docs say "less than" for SET and "not more than" for QUERY;
// the fake takes exactly MaxCommandSize for both, so the limit itself can be shown to work).
static HRESULT CommandCall(View* self, Op op, ULONG commandId, SAFEARRAY* data,
                           ULONG* requestId) {
  if (!data || !requestId) return E_POINTER;
  *requestId = 0;
  GONE_CHECK(self);
  World& w = World::Get();
  w.counters.commandCalls.fetch_add(1);
  ULONG count = 0;
  uint32_t sum = 0;
  if (FAILED(ReadBytes(data, &count, &sum))) return E_INVALIDARG;
  if (count > Spec(AsService(self)->device).maxCommandSize) {
    w.counters.commandsRefusedForSize.fetch_add(1);
    return HRESULT_FROM_WIN32(ERROR_BUFFER_OVERFLOW);
  }
  HRESULT hr = SessionCall(self, op, requestId, commandId);
  if (SUCCEEDED(hr)) {
    w.counters.commandBytes.fetch_add(count);
    w.counters.commandChecksum.fetch_add(sum);
    long max = w.counters.maxCommandBytes.load();
    while (static_cast<long>(count) > max &&
           !w.counters.maxCommandBytes.compare_exchange_weak(max, static_cast<long>(count))) {
    }
  }
  return hr;
}
static HRESULT STDMETHODCALLTYPE Svc_SetCommand(View* self, ULONG commandId, SAFEARRAY* data,
                                                ULONG* requestId) {
  return CommandCall(self, Op::kSet, commandId, data, requestId);
}
static HRESULT STDMETHODCALLTYPE Svc_QueryCommand(View* self, ULONG commandId, SAFEARRAY* data,
                                                  ULONG* requestId) {
  return CommandCall(self, Op::kQuery, commandId, data, requestId);
}
// The getters take the service's lock under the getter-lock switch (see EnterGetter).
struct Getter {
  HRESULT hr = EnterGetter();
  ~Getter() {
    if (SUCCEEDED(hr)) LeaveGetter();
  }
};

static HRESULT STDMETHODCALLTYPE Svc_get_InterfaceID(View* self, BSTR* out) {
  if (!out) return E_POINTER;
  *out = nullptr;
  GONE_CHECK(self);
  Getter g;
  if (FAILED(g.hr)) return g.hr;
  *out = Bstr(Spec(AsService(self)->device).interfaceId);
  return S_OK;
}
static HRESULT STDMETHODCALLTYPE Svc_get_DeviceServiceID(View* self, BSTR* out) {
  if (!out) return E_POINTER;
  *out = nullptr;
  GONE_CHECK(self);
  Getter g;
  if (FAILED(g.hr)) return g.hr;
  *out = Bstr(SvcSpec(AsService(self)).serviceId);
  return S_OK;
}
static HRESULT STDMETHODCALLTYPE Svc_get_IsCommandSessionOpen(View* self, BOOL* out) {
  if (!out) return E_POINTER;
  *out = FALSE;
  GONE_CHECK(self);
  Getter g;
  if (FAILED(g.hr)) return g.hr;
  ServiceObj* s = AsService(self);
  *out = World::Get().CommandSessionOpen(s->device, s->service, s->serial) ? TRUE : FALSE;
  return S_OK;
}
static HRESULT STDMETHODCALLTYPE Svc_get_IsDataSessionOpen(View* self, BOOL* out) {
  if (!out) return E_POINTER;
  *out = FALSE;
  GONE_CHECK(self);
  Getter g;
  if (FAILED(g.hr)) return g.hr;
  ServiceObj* s = AsService(self);
  *out = World::Get().SessionOpen(s->device, s->service, s->serial) ? TRUE : FALSE;
  return S_OK;
}

static void* const kServiceVtbl[] = {
    FN(QueryInterface), FN(AddRef), FN(Release),
    FN(Svc_QuerySupportedCommands),    // 3
    FN(Svc_OpenCommandSession),        // 4
    FN(Svc_CloseCommandSession),       // 5
    FN(Svc_SetCommand),                // 6
    FN(Svc_QueryCommand),              // 7
    FN(Svc_OpenDataSession),           // 8
    FN(Svc_CloseDataSession),          // 9
    FN(Svc_WriteData),                 // 10
    FN(Svc_get_InterfaceID),           // 11
    FN(Svc_get_DeviceServiceID),       // 12
    FN(Svc_get_IsCommandSessionOpen),  // 13
    FN(Svc_get_IsDataSessionOpen),     // 14
};

ServiceObj::ServiceObj(size_t d, size_t s, uint64_t g)
    : device(d), service(s), generation(g), serial(g_nextSerial.fetch_add(1)), view{kServiceVtbl, this} {}

View* NewDeviceServiceObject(size_t device, size_t service, uint64_t generation) {
  return &(new ServiceObj(device, service, generation))->view;
}

// A weak registry: the object stays listed while alive; a lookup that finds it dying (its count
// already 0) makes a new one, and the dying one only unlists itself if still the listed one.
namespace {
using ServiceKey = std::tuple<size_t, size_t, uint64_t, uint64_t>;
std::mutex g_registryMutex;
std::map<ServiceKey, ServiceObj*> g_registry;
}  // namespace

struct SharedServiceObj : ServiceObj {
  SharedServiceObj(size_t d, size_t s, uint64_t g, ServiceKey k) : ServiceObj(d, s, g), key(k) {}
  ~SharedServiceObj() override {
    std::lock_guard<std::mutex> lock(g_registryMutex);
    auto it = g_registry.find(key);
    if (it != g_registry.end() && it->second == this) g_registry.erase(it);
  }
  ServiceKey key;
};

View* SharedDeviceServiceObject(size_t device, size_t service, uint64_t generation) {
  ServiceKey key{device, service, generation, World::Get().Epoch()};
  std::lock_guard<std::mutex> lock(g_registryMutex);
  auto it = g_registry.find(key);
  if (it != g_registry.end()) {
    long refs = it->second->refs.load();
    while (refs > 0 && !it->second->refs.compare_exchange_weak(refs, refs + 1)) {
    }
    if (refs > 0) return &it->second->view;
  }
  auto* obj = new SharedServiceObj(device, service, generation, key);
  g_registry[key] = obj;
  return &obj->view;
}

}  // namespace fake
