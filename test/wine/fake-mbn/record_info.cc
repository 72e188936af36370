// The VT_RECORD form of EnumerateDeviceServices (the "record-array" switch): an IRecordInfo for
// MBN_DEVICE_SERVICE and the array made with it.
#include <cstring>

#include "object_base.h"

namespace fake {

// What SafeArrayCreateEx(VT_RECORD) needs to make the record form of EnumerateDeviceServices:
// SafeArrayDestroy clears each record through RecordClear, which frees a BSTR still in it.
class RecordInfo final : public IRecordInfo {
 public:
  RecordInfo() { World::Get().ObjectCreated(); }
  HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** out) override {
    if (!out) return E_POINTER;
    if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IRecordInfo)) {
      *out = static_cast<IRecordInfo*>(this);
      AddRef();
      return S_OK;
    }
    *out = nullptr;
    return E_NOINTERFACE;
  }
  ULONG STDMETHODCALLTYPE AddRef() override { return ++refs_; }
  ULONG STDMETHODCALLTYPE Release() override {
    ULONG left = --refs_;
    if (left == 0) delete this;
    return left;
  }
  HRESULT STDMETHODCALLTYPE RecordInit(PVOID record) override {
    if (!record) return E_INVALIDARG;
    std::memset(record, 0, sizeof(DeviceServiceRecord));
    return S_OK;
  }
  HRESULT STDMETHODCALLTYPE RecordClear(PVOID record) override {
    if (!record) return E_INVALIDARG;
    auto* r = static_cast<DeviceServiceRecord*>(record);
    World::Get().counters.recordClears.fetch_add(1);
    if (r->deviceServiceID) World::Get().counters.recordBstrsLeftForClear.fetch_add(1);
    SysFreeString(r->deviceServiceID);
    r->deviceServiceID = nullptr;
    return S_OK;
  }
  HRESULT STDMETHODCALLTYPE RecordCopy(PVOID from, PVOID to) override {
    if (!from || !to) return E_INVALIDARG;
    auto* a = static_cast<DeviceServiceRecord*>(from);
    auto* b = static_cast<DeviceServiceRecord*>(to);
    *b = *a;
    b->deviceServiceID = a->deviceServiceID
                             ? SysAllocStringLen(a->deviceServiceID, SysStringLen(a->deviceServiceID))
                             : nullptr;
    return S_OK;
  }
  HRESULT STDMETHODCALLTYPE GetGuid(GUID* guid) override {
    if (!guid) return E_POINTER;
    *guid = kDeviceServiceRecordGuid;
    return S_OK;
  }
  HRESULT STDMETHODCALLTYPE GetName(BSTR* name) override {
    if (!name) return E_POINTER;
    *name = SysAllocString(L"MBN_DEVICE_SERVICE");
    return S_OK;
  }
  HRESULT STDMETHODCALLTYPE GetSize(ULONG* size) override {
    if (!size) return E_POINTER;
    *size = sizeof(DeviceServiceRecord);
    return S_OK;
  }
  HRESULT STDMETHODCALLTYPE GetTypeInfo(ITypeInfo**) override { return E_NOTIMPL; }
  HRESULT STDMETHODCALLTYPE GetField(PVOID, LPCOLESTR, VARIANT*) override { return E_NOTIMPL; }
  HRESULT STDMETHODCALLTYPE GetFieldNoCopy(PVOID, LPCOLESTR, VARIANT*, PVOID*) override {
    return E_NOTIMPL;
  }
  HRESULT STDMETHODCALLTYPE PutField(ULONG, PVOID, LPCOLESTR, VARIANT*) override {
    return E_NOTIMPL;
  }
  HRESULT STDMETHODCALLTYPE PutFieldNoCopy(ULONG, PVOID, LPCOLESTR, VARIANT*) override {
    return E_NOTIMPL;
  }
  HRESULT STDMETHODCALLTYPE GetFieldNames(ULONG*, BSTR*) override { return E_NOTIMPL; }
  BOOL STDMETHODCALLTYPE IsMatchingType(IRecordInfo* other) override {
    GUID g{};
    return other && SUCCEEDED(other->GetGuid(&g)) && IsEqualGUID(g, kDeviceServiceRecordGuid);
  }
  PVOID STDMETHODCALLTYPE RecordCreate() override {
    void* p = CoTaskMemAlloc(sizeof(DeviceServiceRecord));
    if (p) RecordInit(p);
    return p;
  }
  HRESULT STDMETHODCALLTYPE RecordCreateCopy(PVOID from, PVOID* to) override {
    if (!to) return E_POINTER;
    *to = RecordCreate();
    return *to ? RecordCopy(from, *to) : E_OUTOFMEMORY;
  }
  HRESULT STDMETHODCALLTYPE RecordDestroy(PVOID record) override {
    if (record) RecordClear(record);
    CoTaskMemFree(record);
    return S_OK;
  }

 private:
  ~RecordInfo() { World::Get().ObjectDestroyed(); }
  std::atomic<ULONG> refs_{1};
};

// The IDL's SAFEARRAY(MBN_DEVICE_SERVICE) taken literally: FADF_RECORD with an IRecordInfo.
HRESULT RecordArrayOf(const DeviceSpec& d, SAFEARRAY** out) {
  RecordInfo* info = new RecordInfo();
  SAFEARRAYBOUND bound{static_cast<ULONG>(d.services.size()), 1};
  SAFEARRAY* array = SafeArrayCreateEx(VT_RECORD, 1, &bound, static_cast<IRecordInfo*>(info));
  info->Release();  // the array holds its own reference
  if (!array) return E_OUTOFMEMORY;
  void* data = nullptr;
  HRESULT hr = SafeArrayAccessData(array, &data);
  if (FAILED(hr)) {
    SafeArrayDestroy(array);
    return hr;
  }
  auto* records = static_cast<DeviceServiceRecord*>(data);
  for (size_t i = 0; i < d.services.size(); ++i) {
    records[i].deviceServiceID = Bstr(d.services[i].serviceId);
    records[i].dataWriteSupported = d.services[i].dataWrite ? VARIANT_TRUE : VARIANT_FALSE;
    records[i].dataReadSupported = d.services[i].dataRead ? VARIANT_TRUE : VARIANT_FALSE;
  }
  SafeArrayUnaccessData(array);
  World::Get().counters.recordArrays.fetch_add(1);
  *out = array;
  return S_OK;
}

}  // namespace fake
