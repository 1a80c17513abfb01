"""Checks the region's application tier and alerts when it is under capacity.

Runs on a schedule. Reads the Auto Scaling group (read-only) and publishes to the regional alert
topic when fewer instances are InService and Healthy than the group's minimum.
"""
import json
import logging
import os

import boto3

log = logging.getLogger()
log.setLevel(logging.INFO)
autoscaling = boto3.client("autoscaling")
sns = boto3.client("sns")


def handler(_event, _context):
    group_name = os.environ["ASG_NAME"]
    groups = autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[group_name])["AutoScalingGroups"]
    if not groups:
        return alert(group_name, "auto scaling group not found", 0, None)
    group = groups[0]
    healthy = sum(1 for i in group["Instances"]
                  if i["LifecycleState"] == "InService" and i["HealthStatus"] == "Healthy")
    log.info("group %s: %d healthy of min %d", group_name, healthy, group["MinSize"])
    if healthy < group["MinSize"]:
        return alert(group_name, "under capacity", healthy, group["MinSize"])
    return {"group": group_name, "healthy": healthy, "ok": True}


def alert(group_name, reason, healthy, minimum):
    message = {"group": group_name, "reason": reason, "healthy": healthy, "min": minimum}
    sns.publish(TopicArn=os.environ["TOPIC_ARN"], Subject="TAP application tier " + reason,
                Message=json.dumps(message))
    return dict(message, ok=False)
