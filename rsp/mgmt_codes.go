package rsp

// Result codes of the SGP.22 ES10b/ES10c profile management and notification
// functions (RSP-FACTS §2.1.5, §2.1.6, §6.1). Each type follows the [Code]
// pattern of codes.go: the wire INTEGER, a String with the spec's name, and an
// Error so that it can be returned and matched with errors.Is.

// ProfileInfoListError is ProfileInfoListResponse's profileInfoListError (ES10c.GetProfilesInfo,
// RSP-FACTS §2.1.5; profileChangeOngoing(11) is SGP.32 V1.2, §2.4.2).
type ProfileInfoListError int64

// ProfileInfoListError values.
const (
	ProfileInfoListErrorIncorrectInputValues ProfileInfoListError = 1
	ProfileInfoListErrorProfileChangeOngoing ProfileInfoListError = 11 // SGP.32
	ProfileInfoListErrorUndefinedError       ProfileInfoListError = 127
)

var profileInfoListErrorNames = map[int64]string{
	1: "incorrectInputValues", 11: "profileChangeOngoing", 127: "undefinedError",
}

func (c ProfileInfoListError) String() string {
	return codeName("profileInfoListError", profileInfoListErrorNames, int64(c))
}
func (c ProfileInfoListError) Error() string { return "GetProfilesInfo: " + c.String() }

// Value returns the wire value.
func (c ProfileInfoListError) Value() int64 { return int64(c) }

// EnableProfileResult is EnableProfileResponse.enableResult (ES10c.EnableProfile, RSP-FACTS
// §2.1.5) and the SGP.32 EnableProfileResult of an enable PSMO (§2.4.2, which
// adds rollbackNotAvailable(20)).
type EnableProfileResult int64

// EnableProfileResult values.
const (
	EnableProfileOk                        EnableProfileResult = 0
	EnableProfileIccidOrAidNotFound        EnableProfileResult = 1
	EnableProfileProfileNotInDisabledState EnableProfileResult = 2
	EnableProfileDisallowedByPolicy        EnableProfileResult = 3
	EnableProfileWrongProfileReenabling    EnableProfileResult = 4 // SGP.22 only
	EnableProfileCatBusy                   EnableProfileResult = 5
	EnableProfileRollbackNotAvailable      EnableProfileResult = 20 // SGP.32 only
	EnableProfileUndefinedError            EnableProfileResult = 127
)

var enableProfileResultNames = map[int64]string{
	0: "ok", 1: "iccidOrAidNotFound", 2: "profileNotInDisabledState", 3: "disallowedByPolicy",
	4: "wrongProfileReenabling", 5: "catBusy", 20: "rollbackNotAvailable", 127: "undefinedError",
}

func (c EnableProfileResult) String() string {
	return codeName("enableResult", enableProfileResultNames, int64(c))
}
func (c EnableProfileResult) Error() string { return "EnableProfile: " + c.String() }

// Value returns the wire value.
func (c EnableProfileResult) Value() int64 { return int64(c) }

// DisableProfileResult is DisableProfileResponse.disableResult (ES10c.DisableProfile, RSP-FACTS
// §2.1.5) and the SGP.32 DisableProfileResult of a disable PSMO (§2.4.2).
type DisableProfileResult int64

// DisableProfileResult values.
const (
	DisableProfileOk                       DisableProfileResult = 0
	DisableProfileIccidOrAidNotFound       DisableProfileResult = 1
	DisableProfileProfileNotInEnabledState DisableProfileResult = 2
	DisableProfileDisallowedByPolicy       DisableProfileResult = 3
	DisableProfileCatBusy                  DisableProfileResult = 5
	DisableProfileUndefinedError           DisableProfileResult = 127
)

var disableProfileResultNames = map[int64]string{
	0: "ok", 1: "iccidOrAidNotFound", 2: "profileNotInEnabledState", 3: "disallowedByPolicy", 5: "catBusy",
	127: "undefinedError",
}

func (c DisableProfileResult) String() string {
	return codeName("disableResult", disableProfileResultNames, int64(c))
}
func (c DisableProfileResult) Error() string { return "DisableProfile: " + c.String() }

// Value returns the wire value.
func (c DisableProfileResult) Value() int64 { return int64(c) }

// DeleteProfileResult is DeleteProfileResponse.deleteResult (ES10c.DeleteProfile, RSP-FACTS
// §2.1.5) and the SGP.32 DeleteProfileResult of a delete PSMO (§2.4.2, which
// adds rollbackNotAvailable(20) and returnFallbackProfile(21)).
type DeleteProfileResult int64

// DeleteProfileResult values.
const (
	DeleteProfileOk                        DeleteProfileResult = 0
	DeleteProfileIccidOrAidNotFound        DeleteProfileResult = 1
	DeleteProfileProfileNotInDisabledState DeleteProfileResult = 2
	DeleteProfileDisallowedByPolicy        DeleteProfileResult = 3
	DeleteProfileRollbackNotAvailable      DeleteProfileResult = 20 // SGP.32 only
	DeleteProfileReturnFallbackProfile     DeleteProfileResult = 21 // SGP.32 only
	DeleteProfileUndefinedError            DeleteProfileResult = 127
)

var deleteProfileResultNames = map[int64]string{
	0: "ok", 1: "iccidOrAidNotFound", 2: "profileNotInDisabledState", 3: "disallowedByPolicy",
	20: "rollbackNotAvailable", 21: "returnFallbackProfile", 127: "undefinedError",
}

func (c DeleteProfileResult) String() string {
	return codeName("deleteResult", deleteProfileResultNames, int64(c))
}
func (c DeleteProfileResult) Error() string { return "DeleteProfile: " + c.String() }

// Value returns the wire value.
func (c DeleteProfileResult) Value() int64 { return int64(c) }

// EuiccMemoryResetResult is EuiccMemoryResetResponse.resetResult (ES10c.eUICCMemoryReset; SGP.22
// BF34 and SGP.32 V1.2 BF64, which adds ecallActive(104); RSP-FACTS §6.2).
type EuiccMemoryResetResult int64

// EuiccMemoryResetResult values.
const (
	EuiccMemoryResetOk              EuiccMemoryResetResult = 0
	EuiccMemoryResetNothingToDelete EuiccMemoryResetResult = 1
	EuiccMemoryResetCatBusy         EuiccMemoryResetResult = 5
	EuiccMemoryResetEcallActive     EuiccMemoryResetResult = 104 // SGP.32 V1.2 only
	EuiccMemoryResetUndefinedError  EuiccMemoryResetResult = 127
)

var euiccMemoryResetResultNames = map[int64]string{
	0: "ok", 1: "nothingToDelete", 5: "catBusy", 104: "ecallActive", 127: "undefinedError",
}

func (c EuiccMemoryResetResult) String() string {
	return codeName("resetResult", euiccMemoryResetResultNames, int64(c))
}
func (c EuiccMemoryResetResult) Error() string { return "EuiccMemoryReset: " + c.String() }

// Value returns the wire value.
func (c EuiccMemoryResetResult) Value() int64 { return int64(c) }

// SetNicknameResult is SetNicknameResponse.setNicknameResult (ES10c.SetNickname, RSP-FACTS
// §2.1.5).
type SetNicknameResult int64

// SetNicknameResult values.
const (
	SetNicknameOk             SetNicknameResult = 0
	SetNicknameIccidNotFound  SetNicknameResult = 1
	SetNicknameUndefinedError SetNicknameResult = 127
)

var setNicknameResultNames = map[int64]string{
	0: "ok", 1: "iccidNotFound", 127: "undefinedError",
}

func (c SetNicknameResult) String() string {
	return codeName("setNicknameResult", setNicknameResultNames, int64(c))
}
func (c SetNicknameResult) Error() string { return "SetNickname: " + c.String() }

// Value returns the wire value.
func (c SetNicknameResult) Value() int64 { return int64(c) }

// DeleteNotificationStatus is NotificationSentResponse.deleteNotificationStatus
// (ES10b.RemoveNotificationFromList, RSP-FACTS §2.1.6).
type DeleteNotificationStatus int64

// DeleteNotificationStatus values.
const (
	DeleteNotificationOk              DeleteNotificationStatus = 0
	DeleteNotificationNothingToDelete DeleteNotificationStatus = 1
	DeleteNotificationUndefinedError  DeleteNotificationStatus = 127
)

var deleteNotificationStatusNames = map[int64]string{
	0: "ok", 1: "nothingToDelete", 127: "undefinedError",
}

func (c DeleteNotificationStatus) String() string {
	return codeName("deleteNotificationStatus", deleteNotificationStatusNames, int64(c))
}
func (c DeleteNotificationStatus) Error() string { return "NotificationSent: " + c.String() }

// Value returns the wire value.
func (c DeleteNotificationStatus) Value() int64 { return int64(c) }

// NotificationsListError is the INTEGER error alternative of ListNotificationResponse
// (listNotificationsResultError) and RetrieveNotificationsListResponse
// (notificationsListResultError), RSP-FACTS §2.1.6.
type NotificationsListError int64

// NotificationsListError values.
const (
	NotificationsListUndefinedError NotificationsListError = 127
)

var notificationsListErrorNames = map[int64]string{
	127: "undefinedError",
}

func (c NotificationsListError) String() string {
	return codeName("notificationsListResultError", notificationsListErrorNames, int64(c))
}
func (c NotificationsListError) Error() string { return "notifications list: " + c.String() }

// Value returns the wire value.
func (c NotificationsListError) Value() int64 { return int64(c) }

// SetDefaultDpAddressResult is SetDefaultDpAddressResponse.setDefaultDpAddressResult (SGP.22 BF3F,
// RSP-FACTS §2.1.1; SGP.32 V1.2 BF65 and the setDefaultDpAddress PSMO, §2.4.5).
type SetDefaultDpAddressResult int64

// SetDefaultDpAddressResult values.
const (
	SetDefaultDpAddressOk             SetDefaultDpAddressResult = 0
	SetDefaultDpAddressUndefinedError SetDefaultDpAddressResult = 127
)

var setDefaultDpAddressResultNames = map[int64]string{
	0: "ok", 127: "undefinedError",
}

func (c SetDefaultDpAddressResult) String() string {
	return codeName("setDefaultDpAddressResult", setDefaultDpAddressResultNames, int64(c))
}
func (c SetDefaultDpAddressResult) Error() string { return "SetDefaultDpAddress: " + c.String() }

// Value returns the wire value.
func (c SetDefaultDpAddressResult) Value() int64 { return int64(c) }
