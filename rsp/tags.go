package rsp

import "github.com/rspengine/rspengine/asn1der"

// Tags of the top-level objects of ES10a/b/c, ES8+, ES9+ and ESipa
// (RSP-FACTS §2.8). A request and its response share the tag.
const (
	TagEUICCInfo1                        asn1der.Tag = 0xBF20 // GetEuiccInfo1Request / EUICCInfo1 [32]
	TagPrepareDownload                   asn1der.Tag = 0xBF21 // PrepareDownloadRequest / PrepareDownloadResponse [33]
	TagEUICCInfo2                        asn1der.Tag = 0xBF22 // GetEuiccInfo2Request / EUICCInfo2 [34]
	TagInitialiseSecureChannel           asn1der.Tag = 0xBF23 // InitialiseSecureChannelRequest [35]
	TagConfigureISDP                     asn1der.Tag = 0xBF24 // ConfigureISDPRequest [36]
	TagStoreMetadata                     asn1der.Tag = 0xBF25 // StoreMetadataRequest [37] (also profileMetaData in AuthenticateClientOk)
	TagReplaceSessionKeys                asn1der.Tag = 0xBF26 // ReplaceSessionKeysRequest [38]
	TagProfileInstallationResultData     asn1der.Tag = 0xBF27 // ProfileInstallationResultData [39]
	TagListNotification                  asn1der.Tag = 0xBF28 // ListNotificationRequest / Response [40]
	TagSetNickname                       asn1der.Tag = 0xBF29 // SetNicknameRequest / Response [41]
	TagUpdateMetadata                    asn1der.Tag = 0xBF2A // UpdateMetadataRequest (ES6) [42]
	TagRetrieveNotificationsList         asn1der.Tag = 0xBF2B // RetrieveNotificationsListRequest / Response [43]
	TagProfileInfoList                   asn1der.Tag = 0xBF2D // ProfileInfoListRequest / Response (GetProfilesInfo) [45]
	TagGetEuiccChallenge                 asn1der.Tag = 0xBF2E // GetEuiccChallengeRequest / Response [46]
	TagNotificationMetadata              asn1der.Tag = 0xBF2F // NotificationMetadata [47]
	TagNotificationSent                  asn1der.Tag = 0xBF30 // NotificationSentRequest / Response (RemoveNotificationFromList) [48]
	TagEnableProfile                     asn1der.Tag = 0xBF31 // EnableProfileRequest / Response [49]
	TagDisableProfile                    asn1der.Tag = 0xBF32 // DisableProfileRequest / Response [50]
	TagDeleteProfile                     asn1der.Tag = 0xBF33 // DeleteProfileRequest / Response [51]
	TagEuiccMemoryReset                  asn1der.Tag = 0xBF34 // EuiccMemoryResetRequest / Response (SGP.22; SGP.32 v1.0.x) [52]
	TagLoadCRL                           asn1der.Tag = 0xBF35 // LoadCRLRequest / Response [53]
	TagBoundProfilePackage               asn1der.Tag = 0xBF36 // BoundProfilePackage [54]
	TagProfileInstallationResult         asn1der.Tag = 0xBF37 // ProfileInstallationResult [55]
	TagAuthenticateServer                asn1der.Tag = 0xBF38 // AuthenticateServerRequest / Response [56]
	TagInitiateAuthentication            asn1der.Tag = 0xBF39 // InitiateAuthenticationRequest / Response (ES9+, ESipa) [57]
	TagGetBoundProfilePackage            asn1der.Tag = 0xBF3A // GetBoundProfilePackageRequest / Response (ES9+, ESipa) [58]
	TagAuthenticateClient                asn1der.Tag = 0xBF3B // AuthenticateClientRequest / Response (ES9+, ESipa) [59]
	TagEuiccConfiguredAddresses          asn1der.Tag = 0xBF3C // EuiccConfiguredAddressesRequest / Response [60]
	TagHandleNotification                asn1der.Tag = 0xBF3D // HandleNotification [61]
	TagGetEuiccData                      asn1der.Tag = 0xBF3E // GetEuiccDataRequest / Response (EID; tagList 5C 01 5A) [62]
	TagSetDefaultDpAddress               asn1der.Tag = 0xBF3F // SetDefaultDpAddressRequest / Response (SGP.22) [63]
	TagAuthenticateClientEs11            asn1der.Tag = 0xBF40 // AuthenticateClientResponseEs11 [64]
	TagCancelSession                     asn1der.Tag = 0xBF41 // CancelSessionRequest / Response (ES10b and ES9+) [65]
	TagLpaeActivation                    asn1der.Tag = 0xBF42 // LpaeActivationRequest / Response (SGP.22) [66]
	TagIpaeActivation                    asn1der.Tag = 0xBF42 // IpaeActivationRequest / Response (SGP.32) [66]
	TagGetRat                            asn1der.Tag = 0xBF43 // GetRatRequest / Response [67]
	TagTransferEimPackage                asn1der.Tag = 0xBF4E // TransferEimPackageRequest / Response (SGP.32) [78]
	TagGetEimPackage                     asn1der.Tag = 0xBF4F // GetEimPackageRequest / Response (SGP.32) [79]
	TagProvideEimPackageResult           asn1der.Tag = 0xBF50 // ProvideEimPackageResult (SGP.32) [80]
	TagEuiccPackage                      asn1der.Tag = 0xBF51 // EuiccPackageRequest / EuiccPackageResult (LoadEuiccPackage, SGP.32) [81]
	TagIpaEuiccData                      asn1der.Tag = 0xBF52 // IpaEuiccDataRequest / Response (SGP.32) [82]
	TagEimAcknowledgements               asn1der.Tag = 0xBF53 // EimAcknowledgements (SGP.32) [83]
	TagProfileDownloadTrigger            asn1der.Tag = 0xBF54 // ProfileDownloadTriggerRequest / Result (SGP.32) [84]
	TagGetEimConfigurationData           asn1der.Tag = 0xBF55 // GetEimConfigurationDataRequest / Response (SGP.32) [85]
	TagGetCerts                          asn1der.Tag = 0xBF56 // GetCertsRequest / Response (SGP.32) [86]
	TagAddInitialEim                     asn1der.Tag = 0xBF57 // AddInitialEimRequest / Response (SGP.32) [87]
	TagProfileRollback                   asn1der.Tag = 0xBF58 // ProfileRollbackRequest / Response (SGP.32) [88]
	TagConfigureImmediateProfileEnabling asn1der.Tag = 0xBF59 // ConfigureImmediateProfileEnablingRequest / Response (SGP.32) [89]
	TagImmediateEnable                   asn1der.Tag = 0xBF5A // ImmediateEnableRequest / Response (SGP.32) [90]
	TagEnableEmergencyProfile            asn1der.Tag = 0xBF5B // EnableEmergencyProfileRequest / Response (SGP.32) [91]
	TagDisableEmergencyProfile           asn1der.Tag = 0xBF5C // DisableEmergencyProfileRequest / Response (SGP.32) [92]
	TagExecuteFallbackMechanism          asn1der.Tag = 0xBF5D // ExecuteFallbackMechanismRequest / Response (SGP.32) [93]
	TagReturnFromFallback                asn1der.Tag = 0xBF5E // ReturnFromFallbackRequest / Response (SGP.32) [94]
	TagGetConnectivityParameters         asn1der.Tag = 0xBF5F // GetConnectivityParametersRequest / Response (SGP.32) [95]
	TagEuiccMemoryResetSGP32             asn1der.Tag = 0xBF64 // EuiccMemoryResetRequest / Response (SGP.32 v1.2) [100]
	TagSetDefaultDpAddressSGP32          asn1der.Tag = 0xBF65 // SetDefaultDpAddressRequest / Response (SGP.32 v1.2, also a PSMO) [101]

	TagISDRProprietaryApplicationTemplate    asn1der.Tag = 0xE0 // ISDRProprietaryApplicationTemplate [PRIVATE 0] (SELECT response, SGP.22)
	TagISDRProprietaryApplicationTemplateIoT asn1der.Tag = 0xE1 // ISDRProprietaryApplicationTemplateIoT [PRIVATE 1] (SELECT response, SGP.32)
	TagProfileInfo                           asn1der.Tag = 0xE3 // ProfileInfo [PRIVATE 3]

	TagRemoteProfileProvisioning asn1der.Tag = 0xA2 // RemoteProfileProvisioningRequest / Response [2] CHOICE wrapper (ES9+ ASN.1 binding)
)

// Tags of data objects that recur inside the messages (RSP-FACTS §2.1, §2.7).
const (
	TagSignature  asn1der.Tag = 0x5F37 // [APPLICATION 55] ECDSA signature r‖s (serverSignature1, euiccSignature1/2, smdpSignature2, smdpSign, euiccSignPIR, …)
	TagEuiccOtpk  asn1der.Tag = 0x5F49 // [APPLICATION 73] otPK.EUICC.ECKA (euiccOtpk, bppEuiccOtpk)
	TagSmdpOtpk   asn1der.Tag = 0x5F49 // [APPLICATION 73] otPK.DP.ECKA (smdpOtpk in InitialiseSecureChannelRequest)
	TagICCID      asn1der.Tag = 0x5A   // [APPLICATION 26] Iccid (10 bytes as in EFiccid)
	TagEID        asn1der.Tag = 0x5A   // [APPLICATION 26] eidValue in GetEuiccDataResponse (16 bytes)
	TagISDPAid    asn1der.Tag = 0x4F   // [APPLICATION 15] AID of an ISD-P (isdpAid, SuccessResult.aid)
	TagTagList    asn1der.Tag = 0x5C   // [APPLICATION 28] tagList (GetEuiccDataRequest, ProfileInfoListRequest)
	TagIotTagList asn1der.Tag = 0x5D   // [APPLICATION 29] iotSpecificTagList (ProfileInfoListRequest, post-v2.5)

	// ProfileInfo / StoreMetadataRequest / UpdateMetadataRequest members.
	TagProfileNickname                     asn1der.Tag = 0x90   // profileNickname [16]
	TagServiceProviderName                 asn1der.Tag = 0x91   // serviceProviderName [17]
	TagProfileName                         asn1der.Tag = 0x92   // profileName [18]
	TagIconType                            asn1der.Tag = 0x93   // iconType [19]
	TagIcon                                asn1der.Tag = 0x94   // icon [20]
	TagProfileClass                        asn1der.Tag = 0x95   // profileClass [21]
	TagNotificationConfigurationInfo       asn1der.Tag = 0xB6   // notificationConfigurationInfo [22]
	TagProfileOwner                        asn1der.Tag = 0xB7   // profileOwner [23] OperatorId
	TagDpProprietaryData                   asn1der.Tag = 0xB8   // dpProprietaryData [24]
	TagProfilePolicyRules                  asn1der.Tag = 0x99   // profilePolicyRules [25] PprIds (also forbiddenProfilePolicyRules in EUICCInfo2)
	TagServiceSpecificDataStoredInEuicc    asn1der.Tag = 0xBF22 // serviceSpecificDataStoredInEuicc [34]
	TagServiceSpecificDataNotStoredInEuicc asn1der.Tag = 0xBF23 // serviceSpecificDataNotStoredInEuicc [35]
	TagFallbackAttribute                   asn1der.Tag = 0x9F26 // fallbackAttribute [38] (SGP.32 ProfileInfo, DEFAULT FALSE)
	TagFallbackAllowed                     asn1der.Tag = 0x9F67 // fallbackAllowed [103] (SGP.32)
	TagProfileState                        asn1der.Tag = 0x9F70 // profileState [112]
	TagEcallIndication                     asn1der.Tag = 0x9F7B // ecallIndication [123] (SGP.32)
	TagIotSpecificMetadata                 asn1der.Tag = 0xBF64 // iotSpecificMetadata / iotSpecificProfileInfo [100] (post-v2.5, reserved for SGP.32)
)
