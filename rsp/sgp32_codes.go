package rsp

// Result codes of the SGP.32 V1.2 eUICC Package results and ES10b functions
// (RSP-FACTS §2.4.2, §2.4.5, §6.3-6.6), in the [Code] pattern of codes.go.

// EuiccPackageErrorCode is EuiccPackageErrorDataSigned.euiccPackageErrorCode (SGP.32 §2.11.2.1,
// RSP-FACTS §2.4.2, §6.3).
type EuiccPackageErrorCode int64

// EuiccPackageErrorCode values.
const (
	EuiccPackageErrorInvalidEid             EuiccPackageErrorCode = 3
	EuiccPackageErrorReplayError            EuiccPackageErrorCode = 4
	EuiccPackageErrorCounterValueOutOfRange EuiccPackageErrorCode = 6
	EuiccPackageErrorSizeOverflow           EuiccPackageErrorCode = 15
	EuiccPackageErrorEcallActive            EuiccPackageErrorCode = 104
	EuiccPackageErrorUndefinedError         EuiccPackageErrorCode = 127
)

var euiccPackageErrorCodeNames = map[int64]string{
	3: "invalidEid", 4: "replayError", 6: "counterValueOutOfRange", 15: "sizeOverflow", 104: "ecallActive",
	127: "undefinedError",
}

func (c EuiccPackageErrorCode) String() string {
	return codeName("euiccPackageErrorCode", euiccPackageErrorCodeNames, int64(c))
}
func (c EuiccPackageErrorCode) Error() string { return "eUICC Package: " + c.String() }

// Value returns the wire value.
func (c EuiccPackageErrorCode) Value() int64 { return int64(c) }

// ConfigureImmediateEnableResult is the result of a configureImmediateEnable PSMO (RSP-FACTS §2.4.2).
type ConfigureImmediateEnableResult int64

// ConfigureImmediateEnableResult values.
const (
	ConfigureImmediateEnableOk                 ConfigureImmediateEnableResult = 0
	ConfigureImmediateEnableInsufficientMemory ConfigureImmediateEnableResult = 1
	ConfigureImmediateEnableCommandError       ConfigureImmediateEnableResult = 7
	ConfigureImmediateEnableUndefinedError     ConfigureImmediateEnableResult = 127
)

var configureImmediateEnableResultNames = map[int64]string{
	0: "ok", 1: "insufficientMemory", 7: "commandError", 127: "undefinedError",
}

func (c ConfigureImmediateEnableResult) String() string {
	return codeName("configureImmediateEnableResult", configureImmediateEnableResultNames, int64(c))
}
func (c ConfigureImmediateEnableResult) Error() string {
	return "configureImmediateEnable: " + c.String()
}

// Value returns the wire value.
func (c ConfigureImmediateEnableResult) Value() int64 { return int64(c) }

// RollbackProfileResult is EuiccResultData.rollbackResult (RSP-FACTS §2.4.2).
type RollbackProfileResult int64

// RollbackProfileResult values.
const (
	RollbackProfileOk             RollbackProfileResult = 0
	RollbackProfileUndefinedError RollbackProfileResult = 127
)

var rollbackProfileResultNames = map[int64]string{
	0: "ok", 127: "undefinedError",
}

func (c RollbackProfileResult) String() string {
	return codeName("rollbackResult", rollbackProfileResultNames, int64(c))
}
func (c RollbackProfileResult) Error() string { return "rollback: " + c.String() }

// Value returns the wire value.
func (c RollbackProfileResult) Value() int64 { return int64(c) }

// SetFallbackAttributeResult is the result of a setFallbackAttribute PSMO (RSP-FACTS §2.4.2, §6.4).
type SetFallbackAttributeResult int64

// SetFallbackAttributeResult values.
const (
	SetFallbackAttributeOk                     SetFallbackAttributeResult = 0
	SetFallbackAttributeIccidOrAidNotFound     SetFallbackAttributeResult = 1
	SetFallbackAttributeFallbackNotAllowed     SetFallbackAttributeResult = 2
	SetFallbackAttributeFallbackProfileEnabled SetFallbackAttributeResult = 3
	SetFallbackAttributeUndefinedError         SetFallbackAttributeResult = 127
)

var setFallbackAttributeResultNames = map[int64]string{
	0: "ok", 1: "iccidOrAidNotFound", 2: "fallbackNotAllowed", 3: "fallbackProfileEnabled",
	127: "undefinedError",
}

func (c SetFallbackAttributeResult) String() string {
	return codeName("setFallbackAttributeResult", setFallbackAttributeResultNames, int64(c))
}
func (c SetFallbackAttributeResult) Error() string { return "setFallbackAttribute: " + c.String() }

// Value returns the wire value.
func (c SetFallbackAttributeResult) Value() int64 { return int64(c) }

// UnsetFallbackAttributeResult is the result of an unsetFallbackAttribute PSMO (RSP-FACTS §2.4.2, §6.4).
type UnsetFallbackAttributeResult int64

// UnsetFallbackAttributeResult values.
const (
	UnsetFallbackAttributeOk                     UnsetFallbackAttributeResult = 0
	UnsetFallbackAttributeNoFallbackAttribute    UnsetFallbackAttributeResult = 2
	UnsetFallbackAttributeFallbackProfileEnabled UnsetFallbackAttributeResult = 3
	UnsetFallbackAttributeCommandError           UnsetFallbackAttributeResult = 7
	UnsetFallbackAttributeUndefinedError         UnsetFallbackAttributeResult = 127
)

var unsetFallbackAttributeResultNames = map[int64]string{
	0: "ok", 2: "noFallbackAttribute", 3: "fallbackProfileEnabled", 7: "commandError", 127: "undefinedError",
}

func (c UnsetFallbackAttributeResult) String() string {
	return codeName("unsetFallbackAttributeResult", unsetFallbackAttributeResultNames, int64(c))
}
func (c UnsetFallbackAttributeResult) Error() string { return "unsetFallbackAttribute: " + c.String() }

// Value returns the wire value.
func (c UnsetFallbackAttributeResult) Value() int64 { return int64(c) }

// AddEimResultCode is AddEimResult.addEimResultCode, the error alternative of an addEim eCO
// result (RSP-FACTS §2.4.2).
type AddEimResultCode int64

// AddEimResultCode values.
const (
	AddEimOk                         AddEimResultCode = 0
	AddEimInsufficientMemory         AddEimResultCode = 1
	AddEimAssociatedEimAlreadyExists AddEimResultCode = 2
	AddEimCiPKUnknown                AddEimResultCode = 3
	AddEimInvalidAssociationToken    AddEimResultCode = 5
	AddEimCounterValueOutOfRange     AddEimResultCode = 6
	AddEimCommandError               AddEimResultCode = 7
	AddEimUndefinedError             AddEimResultCode = 127
)

var addEimResultCodeNames = map[int64]string{
	0: "ok", 1: "insufficientMemory", 2: "associatedEimAlreadyExists", 3: "ciPKUnknown",
	5: "invalidAssociationToken", 6: "counterValueOutOfRange", 7: "commandError", 127: "undefinedError",
}

func (c AddEimResultCode) String() string {
	return codeName("addEimResultCode", addEimResultCodeNames, int64(c))
}
func (c AddEimResultCode) Error() string { return "addEim: " + c.String() }

// Value returns the wire value.
func (c AddEimResultCode) Value() int64 { return int64(c) }

// DeleteEimResult is the result of a deleteEim eCO (RSP-FACTS §2.4.2).
type DeleteEimResult int64

// DeleteEimResult values.
const (
	DeleteEimOk             DeleteEimResult = 0
	DeleteEimEimNotFound    DeleteEimResult = 1
	DeleteEimLastEimDeleted DeleteEimResult = 2
	DeleteEimCommandError   DeleteEimResult = 7
	DeleteEimUndefinedError DeleteEimResult = 127
)

var deleteEimResultNames = map[int64]string{
	0: "ok", 1: "eimNotFound", 2: "lastEimDeleted", 7: "commandError", 127: "undefinedError",
}

func (c DeleteEimResult) String() string {
	return codeName("deleteEimResult", deleteEimResultNames, int64(c))
}
func (c DeleteEimResult) Error() string { return "deleteEim: " + c.String() }

// Value returns the wire value.
func (c DeleteEimResult) Value() int64 { return int64(c) }

// UpdateEimResult is the result of an updateEim eCO (RSP-FACTS §2.4.2).
type UpdateEimResult int64

// UpdateEimResult values.
const (
	UpdateEimOk                     UpdateEimResult = 0
	UpdateEimEimNotFound            UpdateEimResult = 1
	UpdateEimCiPKUnknown            UpdateEimResult = 3
	UpdateEimCounterValueOutOfRange UpdateEimResult = 6
	UpdateEimCommandError           UpdateEimResult = 7
	UpdateEimUndefinedError         UpdateEimResult = 127
)

var updateEimResultNames = map[int64]string{
	0: "ok", 1: "eimNotFound", 3: "ciPKUnknown", 6: "counterValueOutOfRange", 7: "commandError",
	127: "undefinedError",
}

func (c UpdateEimResult) String() string {
	return codeName("updateEimResult", updateEimResultNames, int64(c))
}
func (c UpdateEimResult) Error() string { return "updateEim: " + c.String() }

// Value returns the wire value.
func (c UpdateEimResult) Value() int64 { return int64(c) }

// ListEimError is ListEimResult.listEimError (RSP-FACTS §2.4.2).
type ListEimError int64

// ListEimError values.
const (
	ListEimErrorUndefinedError ListEimError = 127
)

var listEimErrorNames = map[int64]string{
	127: "undefinedError",
}

func (c ListEimError) String() string { return codeName("listEimError", listEimErrorNames, int64(c)) }
func (c ListEimError) Error() string  { return "listEim: " + c.String() }

// Value returns the wire value.
func (c ListEimError) Value() int64 { return int64(c) }

// ProcessingTerminated is EuiccResultData.processingTerminated: the eUICC stopped executing
// the eUICC Package (RSP-FACTS §2.4.2, §6.3).
type ProcessingTerminated int64

// ProcessingTerminated values.
const (
	ProcessingTerminatedResultSizeOverflow      ProcessingTerminated = 1
	ProcessingTerminatedUnknownOrDamagedCommand ProcessingTerminated = 2
	ProcessingTerminatedInterruption            ProcessingTerminated = 3
	ProcessingTerminatedUndefinedError          ProcessingTerminated = 127
)

var processingTerminatedNames = map[int64]string{
	1: "resultSizeOverflow", 2: "unknownOrDamagedCommand", 3: "interruption", 127: "undefinedError",
}

func (c ProcessingTerminated) String() string {
	return codeName("processingTerminated", processingTerminatedNames, int64(c))
}
func (c ProcessingTerminated) Error() string {
	return "eUICC Package processing terminated: " + c.String()
}

// Value returns the wire value.
func (c ProcessingTerminated) Value() int64 { return int64(c) }

// ResetEimResult is SGP.32 V1.2 EuiccMemoryResetResponse.resetEimResult (RSP-FACTS §2.4.5).
type ResetEimResult int64

// ResetEimResult values.
const (
	ResetEimOk                   ResetEimResult = 0
	ResetEimNothingToDelete      ResetEimResult = 1
	ResetEimEimResetNotSupported ResetEimResult = 2
	ResetEimUndefinedError       ResetEimResult = 127
)

var resetEimResultNames = map[int64]string{
	0: "ok", 1: "nothingToDelete", 2: "eimResetNotSupported", 127: "undefinedError",
}

func (c ResetEimResult) String() string {
	return codeName("resetEimResult", resetEimResultNames, int64(c))
}
func (c ResetEimResult) Error() string { return "EuiccMemoryReset: " + c.String() }

// Value returns the wire value.
func (c ResetEimResult) Value() int64 { return int64(c) }

// ResetImmediateEnableConfigResult is SGP.32 V1.2
// EuiccMemoryResetResponse.resetImmediateEnableConfigResult (RSP-FACTS §2.4.5).
type ResetImmediateEnableConfigResult int64

// ResetImmediateEnableConfigResult values.
const (
	ResetImmediateEnableConfigOk                   ResetImmediateEnableConfigResult = 0
	ResetImmediateEnableConfigResetIECNotSupported ResetImmediateEnableConfigResult = 1
	ResetImmediateEnableConfigUndefinedError       ResetImmediateEnableConfigResult = 127
)

var resetImmediateEnableConfigResultNames = map[int64]string{
	0: "ok", 1: "resetIECNotSupported", 127: "undefinedError",
}

func (c ResetImmediateEnableConfigResult) String() string {
	return codeName("resetImmediateEnableConfigResult", resetImmediateEnableConfigResultNames, int64(c))
}
func (c ResetImmediateEnableConfigResult) Error() string { return "EuiccMemoryReset: " + c.String() }

// Value returns the wire value.
func (c ResetImmediateEnableConfigResult) Value() int64 { return int64(c) }

// ImmediateEnableResult is ImmediateEnableResponse.immediateEnableResult (ES10b.ImmediateEnable,
// SGP.32 §5.9.15, RSP-FACTS §2.4.5).
type ImmediateEnableResult int64

// ImmediateEnableResult values.
const (
	ImmediateEnableOk                          ImmediateEnableResult = 0
	ImmediateEnableImmediateEnableNotAvailable ImmediateEnableResult = 1
	ImmediateEnableNoSessionContext            ImmediateEnableResult = 4
	ImmediateEnableCatBusy                     ImmediateEnableResult = 5
	ImmediateEnableUndefinedError              ImmediateEnableResult = 127
)

var immediateEnableResultNames = map[int64]string{
	0: "ok", 1: "immediateEnableNotAvailable", 4: "noSessionContext", 5: "catBusy", 127: "undefinedError",
}

func (c ImmediateEnableResult) String() string {
	return codeName("immediateEnableResult", immediateEnableResultNames, int64(c))
}
func (c ImmediateEnableResult) Error() string { return "ImmediateEnable: " + c.String() }

// Value returns the wire value.
func (c ImmediateEnableResult) Value() int64 { return int64(c) }

// ProfileRollbackResult is ProfileRollbackResponse.cmdResult (ES10b.ProfileRollback, SGP.32
// §5.9.16, RSP-FACTS §2.4.5).
type ProfileRollbackResult int64

// ProfileRollbackResult values.
const (
	ProfileRollbackOk                 ProfileRollbackResult = 0
	ProfileRollbackRollbackNotAllowed ProfileRollbackResult = 1
	ProfileRollbackCatBusy            ProfileRollbackResult = 5
	ProfileRollbackCommandError       ProfileRollbackResult = 7
	ProfileRollbackUndefinedError     ProfileRollbackResult = 127
)

var profileRollbackResultNames = map[int64]string{
	0: "ok", 1: "rollbackNotAllowed", 5: "catBusy", 7: "commandError", 127: "undefinedError",
}

func (c ProfileRollbackResult) String() string {
	return codeName("cmdResult", profileRollbackResultNames, int64(c))
}
func (c ProfileRollbackResult) Error() string { return "ProfileRollback: " + c.String() }

// Value returns the wire value.
func (c ProfileRollbackResult) Value() int64 { return int64(c) }

// ConfigureImmediateProfileEnablingResult is ConfigureImmediateProfileEnablingResponse.configImmediateEnableResult
// (ES10b.ConfigureImmediateProfileEnabling, SGP.32 §5.9.17, RSP-FACTS §2.4.5).
type ConfigureImmediateProfileEnablingResult int64

// ConfigureImmediateProfileEnablingResult values.
const (
	ConfigureImmediateProfileEnablingOk                         ConfigureImmediateProfileEnablingResult = 0
	ConfigureImmediateProfileEnablingInsufficientMemory         ConfigureImmediateProfileEnablingResult = 1
	ConfigureImmediateProfileEnablingAssociatedEimAlreadyExists ConfigureImmediateProfileEnablingResult = 2
	ConfigureImmediateProfileEnablingUndefinedError             ConfigureImmediateProfileEnablingResult = 127
)

var configureImmediateProfileEnablingResultNames = map[int64]string{
	0: "ok", 1: "insufficientMemory", 2: "associatedEimAlreadyExists", 127: "undefinedError",
}

func (c ConfigureImmediateProfileEnablingResult) String() string {
	return codeName("configImmediateEnableResult", configureImmediateProfileEnablingResultNames, int64(c))
}
func (c ConfigureImmediateProfileEnablingResult) Error() string {
	return "ConfigureImmediateProfileEnabling: " + c.String()
}

// Value returns the wire value.
func (c ConfigureImmediateProfileEnablingResult) Value() int64 { return int64(c) }

// ExecuteFallbackMechanismResult is ExecuteFallbackMechanismResponse.executeFallbackMechanismResult
// (ES10b.ExecuteFallbackMechanism, SGP.32 §5.9.20, RSP-FACTS §2.4.5, §6.4).
type ExecuteFallbackMechanismResult int64

// ExecuteFallbackMechanismResult values.
const (
	ExecuteFallbackMechanismOk                        ExecuteFallbackMechanismResult = 0
	ExecuteFallbackMechanismProfileNotInDisabledState ExecuteFallbackMechanismResult = 2
	ExecuteFallbackMechanismCatBusy                   ExecuteFallbackMechanismResult = 5
	ExecuteFallbackMechanismFallbackNotAvailable      ExecuteFallbackMechanismResult = 6
	ExecuteFallbackMechanismCommandError              ExecuteFallbackMechanismResult = 7
	ExecuteFallbackMechanismEcallActive               ExecuteFallbackMechanismResult = 104
	ExecuteFallbackMechanismUndefinedError            ExecuteFallbackMechanismResult = 127
)

var executeFallbackMechanismResultNames = map[int64]string{
	0: "ok", 2: "profileNotInDisabledState", 5: "catBusy", 6: "fallbackNotAvailable", 7: "commandError",
	104: "ecallActive", 127: "undefinedError",
}

func (c ExecuteFallbackMechanismResult) String() string {
	return codeName("executeFallbackMechanismResult", executeFallbackMechanismResultNames, int64(c))
}
func (c ExecuteFallbackMechanismResult) Error() string {
	return "ExecuteFallbackMechanism: " + c.String()
}

// Value returns the wire value.
func (c ExecuteFallbackMechanismResult) Value() int64 { return int64(c) }

// ReturnFromFallbackResult is ReturnFromFallbackResponse.returnFromFallbackResult
// (ES10b.ReturnFromFallback, SGP.32 §5.9.21, RSP-FACTS §2.4.5, §6.4).
type ReturnFromFallbackResult int64

// ReturnFromFallbackResult values.
const (
	ReturnFromFallbackOk                   ReturnFromFallbackResult = 0
	ReturnFromFallbackCatBusy              ReturnFromFallbackResult = 5
	ReturnFromFallbackFallbackNotAvailable ReturnFromFallbackResult = 6
	ReturnFromFallbackCommandError         ReturnFromFallbackResult = 7
	ReturnFromFallbackUndefinedError       ReturnFromFallbackResult = 127
)

var returnFromFallbackResultNames = map[int64]string{
	0: "ok", 5: "catBusy", 6: "fallbackNotAvailable", 7: "commandError", 127: "undefinedError",
}

func (c ReturnFromFallbackResult) String() string {
	return codeName("returnFromFallbackResult", returnFromFallbackResultNames, int64(c))
}
func (c ReturnFromFallbackResult) Error() string { return "ReturnFromFallback: " + c.String() }

// Value returns the wire value.
func (c ReturnFromFallbackResult) Value() int64 { return int64(c) }

// EnableEmergencyProfileResult is EnableEmergencyProfileResponse.enableEmergencyProfileResult
// (ES10b.EnableEmergencyProfile, SGP.32 §5.9.22, RSP-FACTS §2.4.5, §6.5).
type EnableEmergencyProfileResult int64

// EnableEmergencyProfileResult values.
const (
	EnableEmergencyProfileOk                        EnableEmergencyProfileResult = 0
	EnableEmergencyProfileProfileNotInDisabledState EnableEmergencyProfileResult = 2
	EnableEmergencyProfileCatBusy                   EnableEmergencyProfileResult = 5
	EnableEmergencyProfileEcallNotAvailable         EnableEmergencyProfileResult = 8
	EnableEmergencyProfileUndefinedError            EnableEmergencyProfileResult = 127
)

var enableEmergencyProfileResultNames = map[int64]string{
	0: "ok", 2: "profileNotInDisabledState", 5: "catBusy", 8: "ecallNotAvailable", 127: "undefinedError",
}

func (c EnableEmergencyProfileResult) String() string {
	return codeName("enableEmergencyProfileResult", enableEmergencyProfileResultNames, int64(c))
}
func (c EnableEmergencyProfileResult) Error() string { return "EnableEmergencyProfile: " + c.String() }

// Value returns the wire value.
func (c EnableEmergencyProfileResult) Value() int64 { return int64(c) }

// DisableEmergencyProfileResult is DisableEmergencyProfileResponse.disableEmergencyProfileResult
// (ES10b.DisableEmergencyProfile, SGP.32 §5.9.23, RSP-FACTS §2.4.5, §6.5;
// ecallNotAvailable(8) is from the revision after V1.2, §2.6).
type DisableEmergencyProfileResult int64

// DisableEmergencyProfileResult values.
const (
	DisableEmergencyProfileOk                       DisableEmergencyProfileResult = 0
	DisableEmergencyProfileProfileNotInEnabledState DisableEmergencyProfileResult = 2
	DisableEmergencyProfileCatBusy                  DisableEmergencyProfileResult = 5
	DisableEmergencyProfileEcallNotAvailable        DisableEmergencyProfileResult = 8 // after V1.2
	DisableEmergencyProfileUndefinedError           DisableEmergencyProfileResult = 127
)

var disableEmergencyProfileResultNames = map[int64]string{
	0: "ok", 2: "profileNotInEnabledState", 5: "catBusy", 8: "ecallNotAvailable", 127: "undefinedError",
}

func (c DisableEmergencyProfileResult) String() string {
	return codeName("disableEmergencyProfileResult", disableEmergencyProfileResultNames, int64(c))
}
func (c DisableEmergencyProfileResult) Error() string {
	return "DisableEmergencyProfile: " + c.String()
}

// Value returns the wire value.
func (c DisableEmergencyProfileResult) Value() int64 { return int64(c) }

// AddInitialEimError is AddInitialEimResponse.addInitialEimError (ES10b.AddInitialEim, SGP.32
// §5.9.4, RSP-FACTS §2.4.5).
type AddInitialEimError int64

// AddInitialEimError values.
const (
	AddInitialEimErrorInsufficientMemory         AddInitialEimError = 1
	AddInitialEimErrorAssociatedEimAlreadyExists AddInitialEimError = 2
	AddInitialEimErrorCiPKUnknown                AddInitialEimError = 3
	AddInitialEimErrorInvalidAssociationToken    AddInitialEimError = 5
	AddInitialEimErrorCounterValueOutOfRange     AddInitialEimError = 6
	AddInitialEimErrorCommandError               AddInitialEimError = 7
	AddInitialEimErrorUndefinedError             AddInitialEimError = 127
)

var addInitialEimErrorNames = map[int64]string{
	1: "insufficientMemory", 2: "associatedEimAlreadyExists", 3: "ciPKUnknown", 5: "invalidAssociationToken",
	6: "counterValueOutOfRange", 7: "commandError", 127: "undefinedError",
}

func (c AddInitialEimError) String() string {
	return codeName("addInitialEimError", addInitialEimErrorNames, int64(c))
}
func (c AddInitialEimError) Error() string { return "AddInitialEim: " + c.String() }

// Value returns the wire value.
func (c AddInitialEimError) Value() int64 { return int64(c) }

// IpaEuiccDataErrorCode is IpaEuiccDataResponseError.ipaEuiccDataErrorCode (SGP.32 §2.11.2.2,
// RSP-FACTS §2.4.3).
type IpaEuiccDataErrorCode int64

// IpaEuiccDataErrorCode values.
const (
	IpaEuiccDataErrorIncorrectTagList    IpaEuiccDataErrorCode = 1
	IpaEuiccDataErrorEuiccCiPKIdNotFound IpaEuiccDataErrorCode = 5
	IpaEuiccDataErrorEcallActive         IpaEuiccDataErrorCode = 104
	IpaEuiccDataErrorUndefinedError      IpaEuiccDataErrorCode = 127
)

var ipaEuiccDataErrorCodeNames = map[int64]string{
	1: "incorrectTagList", 5: "euiccCiPKIdNotFound", 104: "ecallActive", 127: "undefinedError",
}

func (c IpaEuiccDataErrorCode) String() string {
	return codeName("ipaEuiccDataErrorCode", ipaEuiccDataErrorCodeNames, int64(c))
}
func (c IpaEuiccDataErrorCode) Error() string { return "IpaEuiccData: " + c.String() }

// Value returns the wire value.
func (c IpaEuiccDataErrorCode) Value() int64 { return int64(c) }

// ProfileDownloadErrorReason is ProfileDownloadTriggerResult's profileDownloadErrorReason (SGP.32
// §2.11.2.3, RSP-FACTS §2.4.3).
type ProfileDownloadErrorReason int64

// ProfileDownloadErrorReason values.
const (
	ProfileDownloadErrorEcallActive    ProfileDownloadErrorReason = 104
	ProfileDownloadErrorUndefinedError ProfileDownloadErrorReason = 127
)

var profileDownloadErrorReasonNames = map[int64]string{
	104: "ecallActive", 127: "undefinedError",
}

func (c ProfileDownloadErrorReason) String() string {
	return codeName("profileDownloadErrorReason", profileDownloadErrorReasonNames, int64(c))
}
func (c ProfileDownloadErrorReason) Error() string { return "ProfileDownloadTrigger: " + c.String() }

// Value returns the wire value.
func (c ProfileDownloadErrorReason) Value() int64 { return int64(c) }

// EimIdType is EimConfigurationData.eimIdType / EimIdInfo.eimIdType (RSP-FACTS §2.4.1).
type EimIdType int64

// EimIdType values.
const (
	EimIdTypeOid         EimIdType = 1
	EimIdTypeFqdn        EimIdType = 2
	EimIdTypeProprietary EimIdType = 3
)

var eimIdTypeNames = map[int64]string{
	1: "eimIdTypeOid", 2: "eimIdTypeFqdn", 3: "eimIdTypeProprietary",
}

func (c EimIdType) String() string { return codeName("eimIdType", eimIdTypeNames, int64(c)) }
func (c EimIdType) Error() string  { return "eimIdType: " + c.String() }

// Value returns the wire value.
func (c EimIdType) Value() int64 { return int64(c) }
