"""Rotates a generic credential secret (the four Secrets Manager rotation steps).

createSecret puts a fresh random value as AWSPENDING, setSecret/testSecret have no external
system to update (the consumers read the secret on use), finishSecret moves AWSCURRENT.
"""
import json
import logging
import os

import boto3

log = logging.getLogger()
log.setLevel(logging.INFO)
sm = boto3.client("secretsmanager", endpoint_url=os.environ.get("SECRETS_MANAGER_ENDPOINT"))


def handler(event, _context):
    arn, token, step = event["SecretId"], event["ClientRequestToken"], event["Step"]
    meta = sm.describe_secret(SecretId=arn)
    if not meta.get("RotationEnabled"):
        raise ValueError("rotation is not enabled for this secret")
    stages = meta.get("VersionIdsToStages", {})
    if token not in stages:
        raise ValueError("version is not staged for rotation")
    if "AWSCURRENT" in stages[token]:
        log.info("version already current")
        return
    if "AWSPENDING" not in stages[token]:
        raise ValueError("version is not pending")
    if step == "createSecret":
        try:
            sm.get_secret_value(SecretId=arn, VersionId=token, VersionStage="AWSPENDING")
        except sm.exceptions.ResourceNotFoundException:
            value = sm.get_random_password(PasswordLength=48, ExcludePunctuation=True)["RandomPassword"]
            sm.put_secret_value(SecretId=arn, ClientRequestToken=token,
                                SecretString=json.dumps({"token": value}), VersionStages=["AWSPENDING"])
    elif step in ("setSecret", "testSecret"):
        pending = json.loads(sm.get_secret_value(SecretId=arn, VersionId=token,
                                                 VersionStage="AWSPENDING")["SecretString"])
        if not pending.get("token"):
            raise ValueError("pending version has no token")
    elif step == "finishSecret":
        current = next((v for v, s in stages.items() if "AWSCURRENT" in s), None)
        sm.update_secret_version_stage(SecretId=arn, VersionStage="AWSCURRENT",
                                       MoveToVersionId=token, RemoveFromVersionId=current)
    else:
        raise ValueError("unknown step " + step)
    log.info("rotation step %s done", step)
