// The command half of IMbnDeviceServicesEvents (reference §3.7, §5). Every array the service
// passes in is borrowed: it frees it when the callback returns, so what JS needs is copied here,
// and nothing is destroyed here. The arrays are valid only when the status is S_OK (documented
// for commandIDList and for QUERY/SET data); on any other status they are not even looked at.
// As everywhere in the sinks: no call into the MBN service, S_OK whatever happened.
#include "command_ids.h"
#include "com_util.h"
#include "sinks.h"

namespace mbn {

HRESULT DeviceServicesSink::OnQuerySupportedCommandsComplete(IMbnDeviceService* service,
                                                             SAFEARRAY* commandIDList,
                                                             HRESULT status, ULONG requestID) {
  try {
    CompletionEvent e(Op::kSupportedCommands, static_cast<uint32_t>(status), requestID);
    if (status == S_OK) {
      VARTYPE vt = VT_EMPTY;
      if (SUCCEEDED(ReadCommandIds(commandIDList, &e.commandIds, &vt))) {
        e.carries = Carries::kCommandIds;
      } else {
        e.carries = Carries::kListUnread;
        e.listVartype = vt;
        e.commandIds.clear();
      }
    }
    Post(service, std::move(e));
  } catch (...) {
  }
  return S_OK;
}

HRESULT DeviceServicesSink::OnOpenCommandSessionComplete(IMbnDeviceService* service,
                                                         HRESULT status, ULONG requestID) {
  Completion(Op::kOpenCommandSession, service, status, requestID);
  return S_OK;
}

HRESULT DeviceServicesSink::OnCloseCommandSessionComplete(IMbnDeviceService* service,
                                                          HRESULT status, ULONG requestID) {
  Completion(Op::kCloseCommandSession, service, status, requestID);
  return S_OK;
}

void DeviceServicesSink::Response(Op op, IMbnDeviceService* service, ULONG responseID,
                                  SAFEARRAY* data, HRESULT status, ULONG requestID) {
  try {
    CompletionEvent e(op, static_cast<uint32_t>(status), requestID);
    if (status == S_OK) {
      e.carries = Carries::kResponse;
      e.responseId = responseID;
      // A NULL array on S_OK is taken as an empty response; an array that is not bytes is too
      // (the copy fails and leaves nothing), rather than inventing bytes.
      if (data && FAILED(CopyBytes(data, &e.data))) e.data.clear();
    }
    Post(service, std::move(e));
  } catch (...) {
  }
}

HRESULT DeviceServicesSink::OnSetCommandComplete(IMbnDeviceService* service, ULONG responseID,
                                                 SAFEARRAY* data, HRESULT status,
                                                 ULONG requestID) {
  Response(Op::kSet, service, responseID, data, status, requestID);
  return S_OK;
}

HRESULT DeviceServicesSink::OnQueryCommandComplete(IMbnDeviceService* service, ULONG responseID,
                                                   SAFEARRAY* data, HRESULT status,
                                                   ULONG requestID) {
  Response(Op::kQuery, service, responseID, data, status, requestID);
  return S_OK;
}

HRESULT DeviceServicesSink::OnEventNotification(IMbnDeviceService* service, ULONG eventID,
                                                SAFEARRAY* data) {
  try {
    NotificationEvent e(eventID);
    if (data && FAILED(CopyBytes(data, &e.data))) e.data.clear();
    // A device's notifications come unasked and without limit, as its read data does.
    if (!Budgeted(service, context_->emitter->notificationBudget(), e.data.size(), &e.hold))
      return S_OK;
    Post(service, std::move(e));
  } catch (...) {
  }
  return S_OK;
}

}  // namespace mbn
